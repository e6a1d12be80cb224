#!/usr/bin/env python3
"""Runs the AWS-parity cases through the Step Functions API with boto3.

  conformance_via_api.py lambdas CASES
      prints the --lambda NAME=COMMAND options (a JSON list) the server needs:
      one function per stand-in behaviour of the cases ("echo" returns the
      event: `cat`; {"returns": V} returns V)
  conformance_via_api.py run --endpoint URL CASES OUT
      for each case folder of CASES: creates its state machine (the case's
      function-name placeholders replaced by the function of its behaviour),
      starts it - StartSyncExecution for an EXPRESS case recorded so,
      StartExecution and DescribeExecution until it ends otherwise - reads the
      states it entered from GetExecutionHistory, and writes one JSON line per
      case to OUT: {"case", "status", "output", "error", "cause",
      "states_entered"} (status "INVALID" when CreateStateMachine refused the
      definition). The comparison with expected.json is the caller's
      (tests/states/sfn_api_boto3_test.cc, the one that judges the in-process
      runs too).
"""
import concurrent.futures
import hashlib
import json
import pathlib
import shlex
import sys
import threading
import time

ROLE = "arn:aws:iam::123456789012:role/ae-conformance"


def function_name(behaviour):
    if behaviour == "echo":
        return "fn_echo"
    digest = hashlib.sha1(json.dumps(behaviour, sort_keys=True).encode()).hexdigest()[:12]
    return "fn_ret_" + digest


def function_command(behaviour):
    if behaviour == "echo":
        return "cat"
    return "printf '%s' " + shlex.quote(json.dumps(behaviour["returns"]))


def cases(root):
    return sorted(p for p in pathlib.Path(root).iterdir() if p.is_dir())


def lambdas(root):
    options = {}
    for folder in cases(root):
        expected = json.loads((folder / "expected.json").read_text())
        for behaviour in expected.get("lambda", {}).values():
            options[function_name(behaviour)] = function_command(behaviour)
    return [f"{name}={command}" for name, command in sorted(options.items())]


_local = threading.local()


def client(endpoint):
    if not hasattr(_local, "client"):
        import boto3
        from botocore.config import Config
        # A session per thread: creating clients from the default one is not thread-safe.
        _local.client = boto3.session.Session().client(
            "stepfunctions", endpoint_url=endpoint, region_name="us-east-1",
            aws_access_key_id="AKIDCONFORMANCE", aws_secret_access_key="secret",
            config=Config(retries={"max_attempts": 2}, read_timeout=120,
                          inject_host_prefix=False))
    return _local.client


def entered_states(sfn, arn):
    names, token = [], None
    while True:
        kwargs = {"nextToken": token} if token else {}
        page = sfn.get_execution_history(executionArn=arn, maxResults=1000,
                                         includeExecutionData=False, **kwargs)
        names += [e["stateEnteredEventDetails"]["name"] for e in page["events"]
                  if e["type"].endswith("StateEntered")]
        token = page.get("nextToken")
        if not token:
            return names


def run_case(endpoint, index, folder):
    from botocore.exceptions import ClientError
    sfn = client(endpoint)
    expected = json.loads((folder / "expected.json").read_text())
    definition = (folder / "definition.json").read_text()
    given = (folder / "input.json").read_text()
    for placeholder, behaviour in expected.get("lambda", {}).items():
        definition = definition.replace(placeholder, function_name(behaviour))
        given = given.replace(placeholder, function_name(behaviour))
    express = expected.get("state_machine_type") == "EXPRESS"
    outcome = {"case": folder.name, "output": None, "error": None, "cause": None,
               "states_entered": None}
    try:
        machine = sfn.create_state_machine(name=f"case-{index}", definition=definition,
                                           roleArn=ROLE,
                                           type="EXPRESS" if express else "STANDARD")
    except ClientError as error:
        if error.response["Error"]["Code"] != "InvalidDefinition":
            raise
        outcome["status"] = "INVALID"
        outcome["error"] = error.response["Error"]["Message"]
        return outcome
    arn = machine["stateMachineArn"]
    if express and expected.get("execution", "").startswith("StartSyncExecution"):
        result = sfn.start_sync_execution(stateMachineArn=arn, input=given)
    else:
        execution = sfn.start_execution(stateMachineArn=arn, input=given)["executionArn"]
        while True:
            result = sfn.describe_execution(executionArn=execution)
            if result["status"] != "RUNNING":
                break
            time.sleep(0.01)
    outcome["status"] = result["status"]
    if "output" in result:
        outcome["output"] = json.loads(result["output"])
    outcome["error"] = result.get("error")
    outcome["cause"] = result.get("cause")
    outcome["states_entered"] = entered_states(sfn, result["executionArn"])
    return outcome


def run(endpoint, root, out):
    folders = cases(root)
    started = time.time()
    with concurrent.futures.ThreadPoolExecutor(max_workers=6) as pool:
        outcomes = list(pool.map(lambda item: run_case(endpoint, *item), enumerate(folders)))
    with open(out, "w") as sink:
        for outcome in outcomes:
            sink.write(json.dumps(outcome) + "\n")
    print(f"{len(outcomes)} cases run through the API in {time.time() - started:.1f} s")


def main(argv):
    if argv[1:2] == ["lambdas"]:
        print(json.dumps(lambdas(argv[2])))
        return 0
    if argv[1:3] == ["run", "--endpoint"] and len(argv) == 6:
        run(argv[3], argv[4], argv[5])
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
