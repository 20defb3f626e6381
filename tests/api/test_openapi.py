"""The OpenAPI document and the docs page cannot drift from what the API really answers."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.factories import PersonFactory, add_window
from tests.fieldwork.conftest import fieldwork_examples
from tongxin.activities.models import Phase
from tongxin.api.openapi_write import WRITE_SCHEMAS
from tongxin.orgs.models import OrganisationAlias
from tongxin.plans.models import PlanContact, PlanSection
from tongxin.supervision.models import Task
from tongxin.supervision.services import tasks_generate_for_plan

pytestmark = pytest.mark.django_db

TYPES = {"null": type(None), "boolean": bool, "string": str, "array": list, "object": dict, "number": float}


def _module(path: str) -> bool:
    """The quiz's paths are checked against real answers by tests/quiz/test_api.py (with quiz rows to answer)."""
    return path.startswith("/api/quizzes")


def resolve(spec: dict, schema: dict) -> dict:
    while "$ref" in schema:
        node = spec
        for part in schema["$ref"].removeprefix("#/").split("/"):
            node = node[part]
        schema = node
    return schema


def conforms(value, schema: dict, spec: dict, where: str = "$") -> None:
    """Every key of the value is a declared property, every required property is there, types match (recursively)."""
    schema = resolve(spec, schema)
    if "anyOf" in schema:
        errors = []
        for option in schema["anyOf"]:
            try:
                conforms(value, option, spec, where)
                return
            except AssertionError as exc:
                errors.append(str(exc))
        raise AssertionError(f"{where}: matches no option: {errors}")
    types = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
    if isinstance(value, bool):
        assert "boolean" in types, f"{where}: boolean not in {types}"
    elif isinstance(value, int):
        assert "integer" in types or "number" in types, f"{where}: integer not in {types}"
    else:
        assert any(isinstance(value, TYPES[t]) for t in types if t in TYPES), f"{where}: {value!r} is not {types}"
    if "enum" in schema and value is not None:
        assert value in schema["enum"], f"{where}: {value!r} not in {schema['enum']}"
    if isinstance(value, list):
        for i, item in enumerate(value):
            conforms(item, schema["items"], spec, f"{where}[{i}]")
    if isinstance(value, dict) and "properties" in schema:
        assert set(value) <= set(schema["properties"]), f"{where}: undeclared {set(value) - set(schema['properties'])}"
        assert set(schema.get("required", [])) <= set(value), f"{where}: missing {set(schema['required']) - set(value)}"
        for key, item in value.items():
            conforms(item, schema["properties"][key], spec, f"{where}.{key}")


@pytest.fixture
def rich_programme(programme, units, leaders, people):
    """The programme with every optional part filled, so every branch of every schema is exercised."""
    plan, a, c = programme["plan"], programme["a"], programme["c"]
    PlanSection.objects.create(plan=plan, kind="section", number="一", title="指导思想")
    PlanSection.objects.create(plan=plan, kind="requirement", number="", title="加强组织领导")
    plan.reporting_to, plan.reporting_text = "市委统战部", "按时报送。"
    plan.save()
    PlanContact.objects.create(plan=plan, name="胡延鹏", phones=["8334706"], fax="8301979", email="a@b.cn")
    a.recurrence_months, a.recurrence_text, a.places = 2, "每两个月举办一期", ["市社会主义学院"]
    a.save()
    Phase.objects.create(activity=c, name="学习动员")
    add_window(c, None, dt.date(2019, 11, 30), "11月底前", tentative=True)
    OrganisationAlias.objects.create(organisation=units["qiaolian"], name="侨联")
    PersonFactory(name="胡延鹏", kind="staff", title="科员", organisation=units["dangwai"])
    # Tasks, the first with an owner, done, urged and escalated: every optional task field has a value.
    tasks_generate_for_plan(actor=people["admin"], plan=plan)
    moment = timezone.make_aware(dt.datetime(2019, 8, 14, 9, 30))
    task = Task.objects.order_by("id").first()
    task.owner_user, task.state = people["dangwai"], "done"
    task.done_at = task.last_urged_at = task.escalated_at = moment
    task.save()
    fieldwork_examples(programme, people, units, leaders)  # visits, households, a campaign (tests/fieldwork)
    # The events module's rows, so its resources answer with every field: a publicity entry, a sign-in, minutes.
    from tongxin.events import services as events

    events.publicity_add(
        actor=people["admin"], activity=programme["a"], outlet_type="wechat", outlet="赤峰统一战线",
        date=dt.date(2019, 3, 2), title="读书会第一期", link="https://mp.weixin.qq.com/s/abc",
    )  # fmt: skip
    session = programme["a"].sessions.first()
    events.attendance_record(actor=people["admin"], session=session, name="王芳", unit_name="市侨联")
    events.minutes_file(actor=people["admin"], session=session, text="学习了……", is_department=True)
    return programme


def real_responses(client, programme) -> dict[str, dict]:
    """One real 200 answer per documented path."""
    plan_id, activity_id = programme["plan"].pk, programme["a"].pk
    task_id = Task.objects.order_by("id").first().pk
    urls = {
        "/api/plans": "/api/plans",
        "/api/plans/{id}": f"/api/plans/{plan_id}",
        "/api/activities": "/api/activities",
        "/api/activities/{id}": f"/api/activities/{activity_id}",
        "/api/tasks": "/api/tasks",
        "/api/tasks/{id}": f"/api/tasks/{task_id}",
        "/api/sessions": "/api/sessions?page_size=2",
        "/api/organisations": "/api/organisations",
        "/api/people": "/api/people",
        "/api/openapi.json": "/api/openapi.json",
        "/api/visits": "/api/visits",
        "/api/households": "/api/households",
        "/api/campaigns": "/api/campaigns",
        # The events module's resources (tongxin.events): mounted through the module seam.
        "/api/publicity/": "/api/publicity/",
        "/api/events/sessions/{id}": f"/api/events/sessions/{programme['a'].sessions.first().pk}",
    }
    out = {}
    for path, url in urls.items():
        r = client.get(url)
        assert r.status_code == 200, url
        out[path] = r.json()
    return out


def test_every_real_response_matches_its_schema(client_for, rich_programme):
    client = client_for("admin")
    spec = client.get("/api/openapi.json").json()
    responses = real_responses(client, rich_programme)
    # Every path that answers GET (POST-only paths are checked by tests/api/test_write.py).
    assert set(responses) == {path for path, item in spec["paths"].items() if "get" in item and not _module(path)}
    for path, body in responses.items():
        schema = spec["paths"][path]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
        conforms(body, schema, spec, path)
    # The paginated session answer has a next page; its link is a string the schema allows.
    assert responses["/api/sessions"]["next"].endswith("page=2")


def test_errors_match_the_error_schema(client_for, programme):
    spec = Client().get("/api/openapi.json").json()
    error = {"$ref": "#/components/schemas/Error"}
    conforms(Client().get("/api/plans").json(), error, spec)
    conforms(client_for("stranger").get(f"/api/activities/{programme['a'].pk}").json(), error, spec)
    conforms(client_for("admin").get("/api/activities?plan=x").json(), error, spec)
    conforms(client_for("admin").get("/api/tasks?light=purple").json(), error, spec)


def test_the_documented_example_matches_the_schema(client):
    spec = client.get("/api/openapi.json").json()
    for example in spec["components"]["schemas"]["PlanDetail"]["examples"]:
        conforms(example, {"$ref": "#/components/schemas/PlanDetail"}, spec)


def test_every_schema_field_appears_in_a_real_response(client_for, rich_programme):
    """The other direction: the schema documents nothing the API never sends."""
    client = client_for("admin")
    spec = client.get("/api/openapi.json").json()
    responses = real_responses(client, rich_programme)
    seen: dict[str, set[str]] = {}

    def collect(value, schema):
        schema = resolve(spec, schema)
        for option in schema.get("anyOf", []):
            if value is not None and resolve(spec, option).get("type") == "object":
                collect(value, option)
        if isinstance(value, list) and "items" in schema:
            for item in value:
                collect(item, schema["items"])
        if isinstance(value, dict) and "properties" in schema:
            seen.setdefault(id(schema), set()).update(value)
            for key, item in value.items():
                collect(item, schema["properties"][key])

    for path, body in responses.items():
        if path != "/api/openapi.json":
            collect(body, spec["paths"][path]["get"]["responses"]["200"]["content"]["application/json"]["schema"])
    for name, schema in spec["components"]["schemas"].items():
        if name != "Error" and name not in WRITE_SCHEMAS and not name.startswith("Quiz"):
            assert seen.get(id(schema)) == set(schema["properties"]), name


def test_every_api_url_is_documented_and_parameters_resolve(client):
    from tongxin.api import urls

    spec = client.get("/api/openapi.json").json()
    documented = set()
    for pattern in urls.urlpatterns:
        if pattern.name in ("docs", None):
            continue  # the human page and the JSON 404 for unknown paths
        takes_id = "pk" in pattern.pattern.regex.groupindex
        path = reverse(f"api:{pattern.name}", kwargs={"pk": 7} if takes_id else {})
        documented.add(path.replace("/7", "/{id}"))
    # The modules' API resources are mounted through the seam (tongxin.core.modules), not in tongxin.api.urls.
    documented |= {
        reverse("publicity_api:list"),
        reverse("events_api:session", kwargs={"pk": 7}).replace("/7", "/{id}"),
    }
    assert documented == {path for path in spec["paths"] if not _module(path)}
    for item in spec["paths"].values():
        for param in item.get("get", {}).get("parameters", []):
            # Ids and page numbers are integers; the task list's light and state are one of a fixed set.
            schema = resolve(spec, param)["schema"]
            assert schema["type"] == "integer" or (schema["type"] == "string" and schema["enum"])
    assert spec["openapi"] == "3.1.0"
    assert set(spec["components"]["schemas"]) >= {
        "Plan",
        "PlanDetail",
        "Activity",
        "Window",
        "Session",
        "Organisation",
        "Person",
        "Task",
        "Error",
    }


def test_docs_page_lists_every_endpoint_with_an_example(client):
    r = client.get("/api/docs/")
    html = r.content.decode()
    spec = client.get("/api/openapi.json").json()
    assert html.count('data-testid="endpoint"') == sum(len(item) for item in spec["paths"].values())
    for path, item in spec["paths"].items():
        for method, op in item.items():
            assert f"{method.upper()} {path}" in html and op["summary"] in html
    assert "&quot;lead_leaders&quot;: [" in html and "双月读书会活动" in html
    assert "数据接口（API）" in html
    # Server-rendered: no Swagger UI, nothing from a CDN.
    assert "swagger" not in html.lower() and "cdn" not in html.lower()
