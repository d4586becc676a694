"""The JSON Schema: generated from the format's tables, shipped, and in step with the loader."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import jsonschema
import pytest
import yaml

from layout.errors import IssueError
from layout.issue import spec
from layout.issue.load import load_issue
from layout.issue.schema import SCHEMA_FILE, schema, schema_text
from tests.conftest import HOUSE, ROOT


def test_the_shipped_schema_is_the_generated_one() -> None:
    assert SCHEMA_FILE.read_text(encoding="utf-8") == schema_text()  # run python -m layout.issue.schema


@pytest.mark.parametrize("path", sorted(p for p in (ROOT / "issue").glob("*.yaml")
                                        if not p.name.endswith(".house.yaml")
                                        and not p.name.startswith("plan-")),  # plan-*: make-up plans
                         ids=lambda p: p.name)
def test_every_sample_issue_validates(path: Path) -> None:
    jsonschema.validate(as_json(path.read_text(encoding="utf-8")), schema())


@pytest.mark.parametrize("path", sorted((ROOT / "issue").glob("*.house.yaml")), ids=lambda p: p.name)
def test_every_house_file_validates_as_a_style(path: Path) -> None:
    style = {**schema()["$defs"]["style"], "$defs": schema()["$defs"]}
    jsonschema.validate(as_json(path.read_text(encoding="utf-8")), style)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"headline": {"sizes": {"3": "二号"}}}, style)  # span 1 missing


def as_json(text: str) -> object:
    """YAML as a JSON-minded editor reads it (YAML 1.2: a date is text)."""
    return json.loads(json.dumps(yaml.safe_load(text), default=str))


def test_schema_refuses_what_the_loader_refuses(tmp_path: Path) -> None:
    data = as_json((ROOT / "issue" / "sample-broadsheet.yaml").read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    data["pages"][0]["blocks"][1]["headlin"] = "x"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, schema())
    path = tmp_path / "x.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    shutil.copy(HOUSE, tmp_path)
    with pytest.raises(IssueError, match="unknown key 'headlin'"):
        load_issue(path)


def test_every_key_has_a_value_kind() -> None:
    for mapping, keys in spec.KEYS.items():
        for key in keys:
            assert (mapping, key) in spec.FIELDS, (mapping, key)


def _properties(node: object, path: str = "") -> list[tuple[str, dict[str, object]]]:
    """Every property schema in the schema tree, with its path."""
    out: list[tuple[str, dict[str, object]]] = []
    if isinstance(node, dict):
        for key, sub in (node.get("properties") or {}).items():
            out.append((f"{path}.{key}", sub))
        for key, sub in node.items():
            out += _properties(sub, f"{path}/{key}")
    elif isinstance(node, list):
        for i, sub in enumerate(node):
            out += _properties(sub, f"{path}[{i}]")
    return out


def test_every_key_has_a_description_and_the_schema_a_stable_id() -> None:
    found = _properties(schema())
    assert len(found) > 100
    assert [p for p, sub in found if not sub.get("description") and "/if" not in p] == []
    assert schema()["$id"] == f"urn:banmian:schema:issue:{spec.FORMAT_VERSION}"


@pytest.mark.parametrize("path", sorted(p for p in (ROOT / "issue").glob("*.yaml")
                                        if not p.name.endswith(".house.yaml")
                                        and not p.name.startswith("plan-")),  # plan-*: make-up plans
                         ids=lambda p: p.name)
def test_the_samples_validate_as_yaml_safe_load_reads_them(path: Path) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert not isinstance(data["issue"]["date"], str)  # a YAML date …
    jsonschema.validate(data, schema())  # … is accepted


def test_a_misspelt_key_in_a_block_is_reported_on_that_key() -> None:
    data = yaml.safe_load((ROOT / "issue" / "sample-broadsheet.yaml").read_text(encoding="utf-8"))
    block = next(i for i, b in enumerate(data["pages"][0]["blocks"]) if b["type"] == "article")
    data["pages"][0]["blocks"][block]["colums"] = 2
    errors = list(jsonschema.Draft202012Validator(schema()).iter_errors(data))
    assert [list(e.absolute_path) for e in errors] == [["pages", 0, "blocks", block]]
    assert "'colums' was unexpected" in errors[0].message


@pytest.mark.parametrize("date", ["2026-13-45x", "明天", "20260120"])
def test_the_schema_refuses_text_that_is_no_date(date: str) -> None:
    data = as_json((ROOT / "issue" / "sample-broadsheet.yaml").read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    data["issue"]["date"] = int(date) if date.isdigit() else date
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, schema())


def test_the_readme_key_reference_is_generated_from_the_same_table() -> None:
    from layout.issue.keydocs import key_reference

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    start = "<!-- key reference: generated by layout.issue.keydocs.key_reference -->\n"
    end = "<!-- end of key reference -->"
    assert start in readme and end in readme
    assert readme.split(start, 1)[1].split(end, 1)[0] == key_reference()


def test_schema_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from layout import cli

    assert cli.main(["schema"]) == 0
    assert json.loads(capsys.readouterr().out) == schema()
    assert cli.main(["schema", "-o", str(tmp_path / "s.json")]) == 0
    assert (tmp_path / "s.json").read_text(encoding="utf-8") == schema_text()
    assert cli.main(["schema", "--path"]) == 0
    assert Path(capsys.readouterr().out.strip()) == SCHEMA_FILE
