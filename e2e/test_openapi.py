"""The served OpenAPI document is valid OpenAPI 3.1 (checked with openapi-spec-validator)."""

from __future__ import annotations

import requests
import yaml
from openapi_spec_validator import validate


def test_the_served_openapi_document_is_valid(base_url):
    response = requests.get(f"{base_url}/api/openapi.yaml", timeout=10)
    assert response.status_code == 200
    document = yaml.safe_load(response.text)
    assert document["openapi"].startswith("3.1")
    validate(document)
