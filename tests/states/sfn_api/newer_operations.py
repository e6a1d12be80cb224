#!/usr/bin/env python3
"""Writes DIR/stepfunctions/2016-11-23/service-2.json for AWS_DATA_PATH=DIR.

Debian 12's botocore (1.29) and awscli (2.9) predate two actions of the Step
Functions API that `ae sfn serve` implements: RedriveExecution (2023) and
ValidateStateMachineDefinition (2024). This takes the service model the
installed botocore ships and adds those two operations, described from the
AWS API reference (request and response members, error shapes), so that the
real clients call them as newer releases do (`aws stepfunctions
redrive-execution`, `client.redrive_execution(...)`). A model that already
has them is written unchanged.

Usage: newer_operations.py DIR
"""
import json
import pathlib
import sys

import botocore

MODEL = pathlib.Path(botocore.__file__).parent / "data" / "stepfunctions" / "2016-11-23" / "service-2.json"

SHAPES = {
    "ClientToken": {"type": "string", "max": 64, "min": 1},
    "RedriveExecutionInput": {
        "type": "structure",
        "required": ["executionArn"],
        "members": {
            "executionArn": {"shape": "Arn"},
            "clientToken": {"shape": "ClientToken", "idempotencyToken": True},
        },
    },
    "RedriveExecutionOutput": {
        "type": "structure",
        "required": ["redriveDate"],
        "members": {"redriveDate": {"shape": "Timestamp"}},
    },
    "ExecutionNotRedrivable": {
        "type": "structure",
        "members": {"message": {"shape": "ErrorMessage"}},
        "exception": True,
    },
    "ValidateStateMachineDefinitionSeverity": {"type": "string", "enum": ["ERROR", "WARNING"]},
    "ValidateStateMachineDefinitionMaxResult": {"type": "integer", "max": 100, "min": 0},
    "ValidateStateMachineDefinitionInput": {
        "type": "structure",
        "required": ["definition"],
        "members": {
            "definition": {"shape": "Definition"},
            "type": {"shape": "StateMachineType"},
            "severity": {"shape": "ValidateStateMachineDefinitionSeverity"},
            "maxResults": {"shape": "ValidateStateMachineDefinitionMaxResult"},
        },
    },
    "ValidateStateMachineDefinitionDiagnostic": {
        "type": "structure",
        "required": ["severity", "code", "message"],
        "members": {
            "severity": {"shape": "ValidateStateMachineDefinitionSeverity"},
            "code": {"shape": "String"},
            "message": {"shape": "String"},
            "location": {"shape": "String"},
        },
    },
    "ValidateStateMachineDefinitionDiagnosticList": {
        "type": "list",
        "member": {"shape": "ValidateStateMachineDefinitionDiagnostic"},
    },
    "ValidateStateMachineDefinitionOutput": {
        "type": "structure",
        "required": ["result", "diagnostics"],
        "members": {
            "result": {"shape": "String"},
            "diagnostics": {"shape": "ValidateStateMachineDefinitionDiagnosticList"},
            "truncated": {"shape": "Boolean"},
        },
    },
    "String": {"type": "string"},
    "Boolean": {"type": "boolean"},
}

OPERATIONS = {
    "RedriveExecution": {
        "name": "RedriveExecution",
        "http": {"method": "POST", "requestUri": "/"},
        "input": {"shape": "RedriveExecutionInput"},
        "output": {"shape": "RedriveExecutionOutput"},
        "errors": [{"shape": s} for s in ("ExecutionDoesNotExist", "ExecutionNotRedrivable",
                                          "ExecutionLimitExceeded", "InvalidArn",
                                          "ValidationException")],
        "idempotent": True,
    },
    "ValidateStateMachineDefinition": {
        "name": "ValidateStateMachineDefinition",
        "http": {"method": "POST", "requestUri": "/"},
        "input": {"shape": "ValidateStateMachineDefinitionInput"},
        "output": {"shape": "ValidateStateMachineDefinitionOutput"},
        "errors": [{"shape": "ValidationException"}],
    },
}


def main(directory):
    model = json.loads(MODEL.read_text())
    for name, shape in SHAPES.items():
        model["shapes"].setdefault(name, shape)
    for name, operation in OPERATIONS.items():
        model["operations"].setdefault(name, operation)
    target = pathlib.Path(directory) / "stepfunctions" / "2016-11-23"
    target.mkdir(parents=True, exist_ok=True)
    (target / "service-2.json").write_text(json.dumps(model))


if __name__ == "__main__":
    main(sys.argv[1])
