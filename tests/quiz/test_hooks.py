import io

import openpyxl

from tongxin.core import modules
from tongxin.quiz import hooks, results
from tongxin.quiz.models import Participant


def test_open_contests_as_public_links_and_summary_figures(contest, tree, programme):
    contest.activity = programme["a"]
    contest.save()
    Participant.objects.create(contest=contest, name="张三", phone="13800000001", organisation=tree["a1"],
                               best_score=8, best_time=100)
    results.results_compute(contest=contest)
    module = modules.get("quiz")
    # Not registered as the module's public_links yet: /p/ must run no query at all (tests/public/test_pages.py).
    assert [link.url for link in hooks.public_links()] == [f"/p/quiz/{contest.pk}/"]
    (section,) = module.summary_sections(programme["a"], contest.created_at.year)
    assert dict(section.figures) == {"参赛人数": "1", "平均分": "8.0", "参赛率": "2.5%"}


def test_the_bank_template_downloads_for_staff_only(client_for, client):
    assert client.get("/m/quiz/bank-template.xlsx").status_code == 302
    data = client_for("admin").get("/m/quiz/bank-template.xlsx").content
    headers = [c.value for c in next(openpyxl.load_workbook(io.BytesIO(data)).active.iter_rows(max_row=1))]
    assert headers[:3] == ["题型", "题干", "选项A"] and "答案" in headers
