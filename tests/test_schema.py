"""The JSON Schema: generated from the format's tables, shipped, and in step with the loader."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from layout.errors import IssueError
from layout.issue import spec
from layout.issue.load import load_issue
from layout.issue.schema import SCHEMA_FILE, schema, schema_text
from tests.conftest import ROOT


def test_the_shipped_schema_is_the_generated_one() -> None:
    assert SCHEMA_FILE.read_text(encoding="utf-8") == schema_text()  # run python -m layout.issue.schema


@pytest.mark.parametrize("path", sorted((ROOT / "issue").glob("*.yaml")), ids=lambda p: p.name)
def test_every_sample_issue_validates(path: Path) -> None:
    jsonschema.validate(as_json(path.read_text(encoding="utf-8")), schema())


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
    with pytest.raises(IssueError, match="unknown key 'headlin'"):
        load_issue(path)


def test_every_key_has_a_value_kind() -> None:
    for mapping, keys in spec.KEYS.items():
        for key in keys:
            assert (mapping, key) in spec.FIELDS, (mapping, key)
