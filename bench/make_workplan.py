"""Generate a long division-of-labour work plan (about 50,000 characters) for the parse benchmark, deterministically."""

from __future__ import annotations

import random

UNITS = [
    "市发展改革委", "市财政局", "市商务局", "市工业和信息化局", "市教育局", "市科技局", "市公安局", "市民政局", "市司法局",
    "市人力资源社会保障局", "市自然资源规划局", "市生态环境局", "市住房城乡建设局", "市交通运输局", "市农业农村局",
    "市文化和旅游局", "市卫生健康委", "市应急管理局", "市市场监管局", "市大数据局", "市委宣传部", "市委统战部", "市委网信办",
]
VERBS = ["推进", "完善", "加快", "深化", "健全", "强化", "落实", "推动", "优化", "提升"]
OBJECTS = ["政务服务一体化平台建设", "营商环境评价机制", "重点项目调度制度", "数据共享交换体系", "基层治理网格化管理",
           "公共信用信息平台", "应急指挥调度系统", "社会保障服务体系", "农村人居环境整治", "城市精细化管理水平"]
SECTIONS = ["优化政务服务", "培育新兴产业", "保障改善民生", "加强生态保护", "提升治理能力", "强化要素保障"]
DEADLINES = ["年底前", "2024年6月底前", "2024年9月30日前", "上半年", "第三季度", "2024年10月—12月", "长期坚持"]
SENTENCES = [
    "坚持问题导向和目标导向，细化工作举措，明确时间节点，确保各项任务落地见效",
    "加强部门协同配合，建立定期会商机制，及时研究解决工作推进中的困难和问题",
    "健全工作台账，实行清单化管理、项目化推进，定期通报工作进展情况",
    "充分运用信息化手段，推动数据互联互通，提升工作效率和服务水平",
]


def _roles(rng: random.Random) -> str:
    lead, *others = rng.sample(UNITS, 4)
    form = rng.randrange(3)
    if form == 0:
        return f"（牵头单位：{lead}；责任单位：{'、'.join(others[:2])}；配合单位：{others[2]}）"
    if form == 1:
        return f"（{lead}牵头，{'、'.join(others[:2])}等有关部门配合，各县（市、区）人民政府分工负责）"
    return f"（责任单位：{lead}、{others[0]}，完成时限：{rng.choice(DEADLINES)}）"


def work_plan(target_chars: int = 50_000, seed: int = 2024) -> str:
    rng = random.Random(seed)
    lines = ["某某市2024年重点工作任务分工方案", "为贯彻落实市委、市政府决策部署，确保全年目标任务顺利完成，制定本方案。",
             "一、总体要求", "以习近平新时代中国特色社会主义思想为指导，到2024年底，各项重点任务全面完成。", "二、重点任务"]
    number, section = 1, 0
    while sum(len(line) + 1 for line in lines) < target_chars - 400:
        if number % 12 == 1:
            lines.append(f"（{'一二三四五六七八九十'[section % 10]}）{SECTIONS[section % len(SECTIONS)]}")
            section += 1
        body = "。".join(rng.sample(SENTENCES, 2))
        deadline = rng.choice(DEADLINES)
        lines.append(f"{number}.{rng.choice(VERBS)}{rng.choice(OBJECTS)}。{body}，{deadline}完成阶段性任务。{_roles(rng)}")
        number += 1
    lines += ["三、保障措施", "（一）加强组织领导。各单位要高度重视，主要负责同志亲自抓。",
              "（二）强化督查考核。市委督查室要定期督查通报。", "各单位于每季度末将工作进展情况报送市政府办公室。",
              "联系人：王小明，联系电话：0731-5551234，邮箱：dbk@example.com"]
    return "\n".join(lines)


if __name__ == "__main__":
    print(work_plan())
