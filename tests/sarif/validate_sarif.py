#!/usr/bin/env python3
"""Validate SARIF logs written by `once --report sarif` against the SARIF 2.1.0 JSON schema.

Usage: validate_sarif.py [--schema SCHEMA.json] SARIF [SARIF...]

Two layers of checks:
1. The JSON schema (draft-04), by default tests/sarif/sarif-schema-2.1.0.json beside this
   script. That file is the complete OASIS SARIF 2.1.0 schema (title "2.1.0-rtm.5", the
   version schemastore publishes as sarif-2.1.0.json), vendored unmodified from the npm package
   @microsoft/jest-sarif 1.0.0-beta.0 (lib/schemas/sarif-2.1.0-rtm.5.json, MIT licence,
   Microsoft). No Debian package ships it; it was fetched with `npm pack`, not downloaded from
   a web site. See docs/sarif.md.
2. What a schema cannot say but consumers (GitHub code scanning, the VS Code SARIF viewer)
   rely on: every ruleId/ruleIndex names a rule of the driver, artifact indexes point into
   `artifacts` with the same URI, regions are well ordered and their byte length is positive,
   and partial fingerprints are 16 hex digits.

Needs the `jsonschema` module (Debian: apt-get install python3-jsonschema). Exit status:
0 valid, 1 invalid, 2 usage or unreadable input, 77 jsonschema missing (meson counts 77 as
skipped).
"""

import argparse
import json
import pathlib
import re
import sys

HERE = pathlib.Path(__file__).resolve().parent


def semantic_errors(log):
    errors = []
    if log.get("version") != "2.1.0":
        errors.append(f"version is {log.get('version')!r}, not '2.1.0'")
    for r, run in enumerate(log.get("runs", [])):
        where = f"runs[{r}]"
        rules = run.get("tool", {}).get("driver", {}).get("rules", [])
        rule_ids = [rule.get("id") for rule in rules]
        if len(set(rule_ids)) != len(rule_ids):
            errors.append(f"{where}: duplicate rule ids {rule_ids}")
        artifacts = run.get("artifacts", [])
        if run.get("columnKind") != "unicodeCodePoints":
            errors.append(f"{where}: columnKind is {run.get('columnKind')!r}")

        def check_location(loc, at):
            physical = loc.get("physicalLocation", {})
            artifact = physical.get("artifactLocation", {})
            if "index" in artifact:
                index = artifact["index"]
                if not 0 <= index < len(artifacts):
                    errors.append(f"{at}: artifact index {index} out of range")
                elif artifacts[index].get("location", {}).get("uri") != artifact.get("uri"):
                    errors.append(f"{at}: uri {artifact.get('uri')!r} differs from artifact {index}")
            uri = artifact.get("uri", "")
            if re.search(r"[\s\x00-\x1f\x7f]", uri) or re.search(r"%(?![0-9A-Fa-f]{2})", uri):
                errors.append(f"{at}: uri {uri!r} is not percent-encoded")
            region = physical.get("region")
            if region is None:
                return
            start = (region.get("startLine", 0), region.get("startColumn", 1))
            end = (region.get("endLine", start[0]), region.get("endColumn", start[1]))
            if end < start:
                errors.append(f"{at}: region ends before it starts: {region}")
            if region.get("byteLength", 1) <= 0:
                errors.append(f"{at}: empty byte range: {region}")

        for i, result in enumerate(run.get("results", [])):
            at = f"{where}.results[{i}]"
            rule_id, rule_index = result.get("ruleId"), result.get("ruleIndex")
            if rule_id not in rule_ids:
                errors.append(f"{at}: ruleId {rule_id!r} names no rule")
            if rule_index is not None and (
                not 0 <= rule_index < len(rule_ids) or rule_ids[rule_index] != rule_id
            ):
                errors.append(f"{at}: ruleIndex {rule_index} is not rule {rule_id!r}")
            if not result.get("locations"):
                errors.append(f"{at}: no location")
            for j, loc in enumerate(result.get("locations", [])):
                check_location(loc, f"{at}.locations[{j}]")
            for j, loc in enumerate(result.get("relatedLocations", [])):
                check_location(loc, f"{at}.relatedLocations[{j}]")
            for name, value in result.get("partialFingerprints", {}).items():
                if not re.fullmatch(r"[0-9a-f]{16}", value):
                    errors.append(f"{at}: fingerprint {name} = {value!r}")
    return errors


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--schema", default=str(HERE / "sarif-schema-2.1.0.json"))
    parser.add_argument("sarif", nargs="+")
    args = parser.parse_args()
    try:
        import jsonschema
    except ImportError:
        print("SKIP: python module jsonschema missing (apt-get install python3-jsonschema)")
        return 77
    try:
        schema = json.loads(pathlib.Path(args.schema).read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        print(f"cannot read schema {args.schema}: {error}", file=sys.stderr)
        return 2
    validator_class = jsonschema.validators.validator_for(schema, default=jsonschema.Draft4Validator)
    validator_class.check_schema(schema)
    validator = validator_class(schema)

    passed = failed = 0
    for path in args.sarif:
        try:
            log = json.loads(pathlib.Path(path).read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            print(f"cannot read {path}: {error}", file=sys.stderr)
            return 2
        errors = [
            f"schema: {'/'.join(str(p) for p in error.absolute_path) or '(root)'}: {error.message}"
            for error in sorted(validator.iter_errors(log), key=lambda e: list(map(str, e.absolute_path)))
        ]
        errors += semantic_errors(log)
        if errors:
            failed += 1
            print(f"FAIL {path}")
            for error in errors[:50]:
                print("  " + error)
            if len(errors) > 50:
                print(f"  ... {len(errors) - 50} more")
        else:
            passed += 1
            results = sum(len(run.get("results", [])) for run in log.get("runs", []))
            print(f"ok   {path} ({results} results)")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
