#!/usr/bin/env python3
"""Drives `ae sfn serve` with Debian's boto3, as an application would.

Usage: boto3_client.py --endpoint URL --signed-endpoint URL --key ID --secret S

--endpoint is a loopback server without credentials (any signature is
accepted); --signed-endpoint a server bound beyond loopback with the
credentials ID/S, reached through 127.0.0.1. Each check prints "ok NAME" or
"FAIL NAME: why"; the last line is "N passed, M failed" and the exit code is
1 when a check failed. Run with AWS_DATA_PATH from newer_operations.py (for
redrive_execution and validate_state_machine_definition).
"""
import argparse
import datetime
import json
import sys
import time
import traceback
import unittest.mock
import urllib.error
import urllib.request

import boto3
import botocore.auth
import botocore.awsrequest
import botocore.credentials
from botocore.config import Config
from botocore.exceptions import ClientError

ROLE = "arn:aws:iam::123456789012:role/ae-test"
PASS = {"StartAt": "P", "States": {"P": {"Type": "Pass", "Result": {"ok": True}, "End": True}}}


def client(endpoint, key="AKIDTEST", secret="secret"):
    return boto3.client(
        "stepfunctions", endpoint_url=endpoint, region_name="us-east-1",
        aws_access_key_id=key, aws_secret_access_key=secret,
        config=Config(retries={"max_attempts": 1}, inject_host_prefix=False))


def error_code(call, *args, **kwargs):
    try:
        call(*args, **kwargs)
    except ClientError as error:
        return error.response["Error"]["Code"]
    return "no error"


def expect(condition, why):
    if not condition:
        raise AssertionError(why)


def settled(sfn, arn, timeout=30):
    deadline = time.time() + timeout
    while True:
        described = sfn.describe_execution(executionArn=arn)
        if described["status"] != "RUNNING" or time.time() > deadline:
            return described
        time.sleep(0.05)


def create(sfn, name, definition, **extra):
    return sfn.create_state_machine(name=name, definition=json.dumps(definition), roleArn=ROLE,
                                    **extra)["stateMachineArn"]


def token_of(sfn, arn):
    for _ in range(100):
        for event in sfn.get_execution_history(executionArn=arn)["events"]:
            if event["type"] == "TaskScheduled":
                parameters = json.loads(event["taskScheduledEventDetails"]["parameters"])
                return parameters["Payload"]["token"]
        time.sleep(0.05)
    raise AssertionError("no TaskScheduled event")


CALLBACK = {"StartAt": "Ask", "States": {"Ask": {
    "Type": "Task", "Resource": "arn:aws:states:::lambda:invoke.waitForTaskToken",
    "Parameters": {"FunctionName": "noop", "Payload": {"token.$": "$$.Task.Token"}},
    "TimeoutSeconds": 600, "End": True}}}


def check_lifecycle(sfn, _):
    """create -> start -> describe -> history (pages, reverse) -> stop -> redrive."""
    machine = create(sfn, "lifecycle", CALLBACK)
    described = sfn.describe_state_machine(stateMachineArn=machine)
    expect(described["type"] == "STANDARD" and described["roleArn"] == ROLE, described)
    arn = sfn.start_execution(stateMachineArn=machine, name="life-1", input='{"a": 1}')["executionArn"]
    token_of(sfn, arn)
    running = sfn.describe_execution(executionArn=arn)
    expect(running["status"] == "RUNNING" and json.loads(running["input"]) == {"a": 1}, running)
    first = sfn.get_execution_history(executionArn=arn, maxResults=2)
    expect(len(first["events"]) == 2 and "nextToken" in first, first)
    second = sfn.get_execution_history(executionArn=arn, maxResults=2, nextToken=first["nextToken"])
    expect([e["id"] for e in second["events"]] == [3, 4], second["events"])
    newest = sfn.get_execution_history(executionArn=arn, reverseOrder=True, maxResults=1)
    expect(newest["events"][0]["type"] == "TaskStarted", newest["events"])
    bare = sfn.get_execution_history(executionArn=arn, includeExecutionData=False)["events"]
    expect("input" not in bare[0]["executionStartedEventDetails"], bare[0])
    for_execution = sfn.describe_state_machine_for_execution(executionArn=arn)
    expect(json.loads(for_execution["definition"]) == CALLBACK, for_execution)
    stopped = sfn.stop_execution(executionArn=arn)
    expect("stopDate" in stopped, stopped)
    expect(sfn.describe_execution(executionArn=arn)["status"] == "ABORTED", "not ABORTED")
    sfn.redrive_execution(executionArn=arn)
    token = token_of_redriven(sfn, arn)
    sfn.send_task_success(taskToken=token, output='{"done": true}')
    done = settled(sfn, arn)
    expect(done["status"] == "SUCCEEDED" and json.loads(done["output"]) == {"done": True}, done)
    types = [e["type"] for e in sfn.get_execution_history(executionArn=arn)["events"]]
    expect(types[-1] == "ExecutionSucceeded" and "ExecutionAborted" in types, types)


def token_of_redriven(sfn, arn):
    for _ in range(100):
        events = sfn.get_execution_history(executionArn=arn, reverseOrder=True)["events"]
        for event in events:
            if event["type"] == "ExecutionAborted":
                break
            if event["type"] == "TaskScheduled":
                return json.loads(event["taskScheduledEventDetails"]["parameters"])["Payload"]["token"]
        time.sleep(0.05)
    raise AssertionError("the redriven execution scheduled no task")


def check_task_failure_and_heartbeat(sfn, _):
    machine = create(sfn, "callback-fail", CALLBACK)
    arn = sfn.start_execution(stateMachineArn=machine)["executionArn"]
    token = token_of(sfn, arn)
    sfn.send_task_heartbeat(taskToken=token)
    sfn.send_task_failure(taskToken=token, error="Nope", cause="refused")
    failed = settled(sfn, arn)
    expect(failed["status"] == "FAILED" and failed["error"] == "Nope" and failed["cause"] == "refused",
           failed)
    expect(error_code(sfn.send_task_heartbeat, taskToken=token) == "TaskTimedOut", "heartbeat after")
    expect(error_code(sfn.send_task_success, taskToken="no-such-token", output="{}") ==
           "TaskDoesNotExist", "unknown token")


def check_pagination_over_250(sfn, _):
    machine = create(sfn, "many", PASS)
    started = [sfn.start_execution(stateMachineArn=machine, name=f"m-{i:03}")["executionArn"]
               for i in range(250)]
    deadline = time.time() + 60
    while time.time() < deadline:
        running = sfn.list_executions(stateMachineArn=machine, statusFilter="RUNNING", maxResults=1000)
        if not running["executions"]:
            break
        time.sleep(0.1)
    pages, token = [], None
    while True:
        kwargs = {"nextToken": token} if token else {}
        page = sfn.list_executions(stateMachineArn=machine, maxResults=100, **kwargs)
        pages.append([e["executionArn"] for e in page["executions"]])
        token = page.get("nextToken")
        if not token:
            break
    expect([len(p) for p in pages] == [100, 100, 50], [len(p) for p in pages])
    listed = [arn for page in pages for arn in page]
    expect(listed == list(reversed(started)), "not every execution once, newest first")
    paginated = [e["executionArn"]
                 for page in sfn.get_paginator("list_executions").paginate(
                     stateMachineArn=machine, statusFilter="SUCCEEDED",
                     PaginationConfig={"PageSize": 60})
                 for e in page["executions"]]
    expect(sorted(paginated) == sorted(started), f"paginator gave {len(paginated)}")
    expect(error_code(sfn.list_executions, stateMachineArn=machine, nextToken="garbage") ==
           "InvalidToken", "bad token")


def check_express_sync(sfn, _):
    express = create(sfn, "express", {"StartAt": "P", "States": {"P": {
        "Type": "Pass", "Parameters": {"id.$": "$$.Execution.Id", "in.$": "$"}, "End": True}}},
        type="EXPRESS")
    result = sfn.start_sync_execution(stateMachineArn=express, input='{"x": 1}')
    expect(result["status"] == "SUCCEEDED", result)
    output = json.loads(result["output"])
    expect(output["in"] == {"x": 1} and output["id"] == result["executionArn"], output)
    expect(":express:express:" in result["executionArn"], result["executionArn"])
    failing = create(sfn, "express-fail", {"StartAt": "F", "States": {"F": {
        "Type": "Fail", "Error": "Boom", "Cause": "on purpose"}}}, type="EXPRESS")
    failed = sfn.start_sync_execution(stateMachineArn=failing)
    expect(failed["status"] == "FAILED" and failed["error"] == "Boom", failed)
    standard = create(sfn, "not-express", PASS)
    expect(error_code(sfn.start_sync_execution, stateMachineArn=standard) ==
           "StateMachineTypeNotSupported", "sync on STANDARD")


def check_errors(sfn, _):
    machine = create(sfn, "errors", PASS)
    missing = "arn:aws:states:local:000000000000:execution:errors:none"
    expect(error_code(sfn.describe_execution, executionArn=missing) == "ExecutionDoesNotExist", 1)
    expect(error_code(create, sfn, "errors", {"StartAt": "Q", "States": {"Q": {
        "Type": "Pass", "End": True}}}) == "StateMachineAlreadyExists", 2)
    expect(create(sfn, "errors", PASS) == machine, "create is idempotent")
    expect(error_code(sfn.start_execution,
                      stateMachineArn="arn:aws:states:local:000000000000:stateMachine:none") ==
           "StateMachineDoesNotExist", 3)
    expect(error_code(create, sfn, "bad", {"StartAt": "Z", "States": {}}) == "InvalidDefinition", 4)
    expect(error_code(sfn.describe_execution, executionArn="not-an-arn") == "InvalidArn", 5)
    expect(error_code(sfn.start_execution, stateMachineArn=machine, input="{not json") ==
           "InvalidExecutionInput", 6)
    expect(error_code(sfn.start_execution, stateMachineArn=machine, name="has space") ==
           "InvalidName", 7)
    arn = sfn.start_execution(stateMachineArn=machine, name="once")["executionArn"]
    settled(sfn, arn)
    expect(error_code(sfn.start_execution, stateMachineArn=machine, name="once") ==
           "ExecutionAlreadyExists", 8)
    expect(error_code(sfn.redrive_execution, executionArn=arn) == "ExecutionNotRedrivable", 9)


def check_state_machines(sfn, _):
    machine = create(sfn, "tagged", PASS, tags=[{"key": "team", "value": "research"}])
    sfn.tag_resource(resourceArn=machine, tags=[{"key": "tier", "value": "1"}])
    tags = sfn.list_tags_for_resource(resourceArn=machine)["tags"]
    expect(sorted((t["key"], t["value"]) for t in tags) == [("team", "research"), ("tier", "1")], tags)
    sfn.untag_resource(resourceArn=machine, tagKeys=["team"])
    expect(len(sfn.list_tags_for_resource(resourceArn=machine)["tags"]) == 1, "untag")
    changed = {"StartAt": "P", "States": {"P": {"Type": "Pass", "Result": 2, "End": True}}}
    sfn.update_state_machine(stateMachineArn=machine, definition=json.dumps(changed))
    expect(json.loads(sfn.describe_state_machine(stateMachineArn=machine)["definition"]) == changed,
           "update")
    names = [m["name"] for m in sfn.list_state_machines()["stateMachines"]]
    expect("tagged" in names, names)
    valid = sfn.validate_state_machine_definition(definition=json.dumps(PASS))
    expect(valid["result"] == "OK" and valid["diagnostics"] == [], valid)
    invalid = sfn.validate_state_machine_definition(definition='{"StartAt": "Z", "States": {}}')
    expect(invalid["result"] == "FAIL" and invalid["diagnostics"][0]["severity"] == "ERROR", invalid)
    sfn.delete_state_machine(stateMachineArn=machine)
    expect(error_code(sfn.describe_state_machine, stateMachineArn=machine) ==
           "StateMachineDoesNotExist", "delete")
    expect(error_code(sfn.list_tags_for_resource, resourceArn=machine) == "ResourceNotFound", "tags")


def raw_post(endpoint, headers, body=b"{}"):
    request = urllib.request.Request(endpoint + "/", data=body, headers=headers, method="POST")
    try:
        with urllib.request.urlopen(request) as response:
            return response.status, json.loads(response.read() or b"{}")
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"{}")


def signed_at(endpoint, key, secret, when):
    """A ListStateMachines request signed by botocore's SigV4 signer at `when`."""
    request = botocore.awsrequest.AWSRequest(
        method="POST", url=endpoint + "/", data=b"{}",
        headers={"X-Amz-Target": "AWSStepFunctions.ListStateMachines",
                 "Content-Type": "application/x-amz-json-1.0"})
    signer = botocore.auth.SigV4Auth(botocore.credentials.Credentials(key, secret), "states",
                                     "us-east-1")
    clock = unittest.mock.Mock(wraps=datetime)
    clock.datetime.utcnow.return_value = when
    with unittest.mock.patch.object(botocore.auth, "datetime", clock):
        signer.add_auth(request)
    return raw_post(endpoint, dict(request.headers.items()), request.body)


def check_signatures(_, args):
    good = client(args.signed_endpoint, args.key, args.secret)
    good.list_state_machines()
    expect(error_code(client(args.signed_endpoint, args.key, "wrong").list_state_machines) ==
           "InvalidSignatureException", "wrong secret")
    expect(error_code(client(args.signed_endpoint, "AKIDUNKNOWN", args.secret).list_state_machines) ==
           "UnrecognizedClientException", "unknown key")
    status, body = raw_post(args.signed_endpoint, {
        "X-Amz-Target": "AWSStepFunctions.ListStateMachines",
        "Content-Type": "application/x-amz-json-1.0"})
    expect(status == 403 and body.get("__type") == "IncompleteSignature", (status, body))
    now = datetime.datetime.utcnow()
    status, body = signed_at(args.signed_endpoint, args.key, args.secret, now)
    expect(status == 200 and "stateMachines" in body, (status, body))
    status, body = signed_at(args.signed_endpoint, args.key, args.secret,
                             now - datetime.timedelta(minutes=20))
    expect(status == 400 and body.get("__type") == "RequestExpired", (status, body))
    status, body = signed_at(args.signed_endpoint, args.key, args.secret,
                             now + datetime.timedelta(minutes=20))
    expect(status == 400 and body.get("__type") == "RequestExpired", (status, body))
    # Without credentials (loopback) any signature or none is accepted.
    expect(raw_post(args.endpoint, {"X-Amz-Target": "AWSStepFunctions.ListStateMachines"})[0] == 200,
           "unsigned on loopback")


CHECKS = [check_lifecycle, check_task_failure_and_heartbeat, check_pagination_over_250,
          check_express_sync, check_errors, check_state_machines, check_signatures]


def main():
    parser = argparse.ArgumentParser()
    for option in ("--endpoint", "--signed-endpoint", "--key", "--secret"):
        parser.add_argument(option, required=True)
    args = parser.parse_args()
    sfn = client(args.endpoint)
    failed = 0
    for check in CHECKS:
        try:
            check(sfn, args)
            print("ok", check.__name__, flush=True)
        except Exception:  # a failed check, reported with its traceback
            failed += 1
            print("FAIL", check.__name__, traceback.format_exc(), flush=True)
    print(f"{len(CHECKS) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
