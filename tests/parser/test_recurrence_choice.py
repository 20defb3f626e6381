"""An item's recurrence is the rule its text states, not a name that implies one."""

from tongxin.parser import parse_text


def test_stated_rule_wins_over_a_name_that_implies_one():
    text = "二、活动安排\n（一）举办双月读书会。2019年1月—12月，每两个月举办一期。（牵头领导：张三，责任科室：办公室）\n"
    rec = parse_text(text).to_json()["activities"][0]["recurrence"]
    assert (rec["every_months"], rec["text"]) == (2, "每两个月举办一期")
    assert text[rec["span"][0] : rec["span"][1]] == "每两个月举办一期"


def test_a_name_alone_still_gives_the_rule():
    text = "二、活动安排\n（一）举办双月读书会。2019年1月—12月。（牵头领导：张三，责任科室：办公室）\n"
    rec = parse_text(text).to_json()["activities"][0]["recurrence"]
    assert (rec["every_months"], rec["text"]) == (2, "双月")
