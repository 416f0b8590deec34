"""smpipe run's batch transform for a script-mode model, with the inference toolkit's contract.

On SageMaker a batch transform job starts the model's serving container and sends it the input
records over HTTP (/invocations); a framework container's inference toolkit
(aws/sagemaker-inference-toolkit, src/sagemaker_inference/transformer.py) loads the user module
named by SAGEMAKER_PROGRAM from SAGEMAKER_SUBMIT_DIRECTORY, calls model_fn(model_dir) once, then
per request transform_fn(model, data, content_type, accept) when the module defines it, else
input_fn(data, content_type) -> predict_fn(data, model) -> output_fn(prediction, accept).
This file calls the same functions in the same order, without the HTTP server in between.

The batch transform side follows "Use batch transform" and "Associate prediction results with
input records" (https://docs.aws.amazon.com/sagemaker/latest/dg/batch-transform.html,
batch-transform-data-processing.html): each input object gives <key>.out; SplitType Line makes
each line a record; MultiRecord packs records up to MaxPayloadInMB into one request; AssembleWith
Line puts each response on its own line; InputFilter / OutputFilter select with a JSONPath subset
($, $[i], $[i,j], $[i:j], $.key, $['a','b'], negative indexes) on CSV rows or JSON objects;
JoinSource Input appends the output to its CSV row or adds it as "SageMakerOutput" to a JSON
object. The toolkit's defaults decode with numpy; these stdlib defaults give lists instead.
Standard library only; Python 3.8+.
"""
import csv
import importlib.util
import io
import json
import os
import sys

CONFIG = sys.argv[1]


def load_module(code_dir, program):
    path = os.path.join(code_dir, program)
    if not os.path.isfile(path):
        sys.exit("error: SAGEMAKER_PROGRAM %s is not in %s" % (program, code_dir))
    sys.path.insert(0, code_dir)
    spec = importlib.util.spec_from_file_location(os.path.splitext(program)[0], path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def default_input_fn(data, content_type):
    text = data.decode("utf-8") if isinstance(data, bytes) else data
    base = (content_type or "").split(";")[0].strip()
    if base == "application/json":
        return json.loads(text)
    if base == "application/jsonlines":
        return [json.loads(line) for line in text.splitlines() if line.strip()]
    if base == "text/csv":
        return [[number(cell) for cell in row] for row in csv.reader(io.StringIO(text)) if row]
    return text


def number(cell):
    try:
        return float(cell) if any(c in cell for c in ".eE") else int(cell)
    except ValueError:
        return cell


def default_output_fn(prediction, accept):
    base = (accept or "").split(";")[0].strip()
    if base == "text/csv":
        rows = prediction if isinstance(prediction, list) else [prediction]
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        for row in rows:
            writer.writerow(row if isinstance(row, (list, tuple)) else [row])
        return out.getvalue().rstrip("\n")
    if isinstance(prediction, (bytes, str)):
        return prediction
    return json.dumps(prediction)


class Handler:
    """transformer.py's _validate_user_module_and_set_functions and _default_transform_fn."""

    def __init__(self, module, model_dir):
        if not hasattr(module, "model_fn"):
            sys.exit("error: the inference script defines no model_fn(model_dir)")
        self.module = module
        self.model = module.model_fn(model_dir)

    def __call__(self, data, content_type, accept):
        module = self.module
        if hasattr(module, "transform_fn"):
            result = module.transform_fn(self.model, data, content_type, accept)
        else:
            decoded = module.input_fn(data, content_type) if hasattr(module, "input_fn") else default_input_fn(data, content_type)
            prediction = module.predict_fn(decoded, self.model) if hasattr(module, "predict_fn") else self.model(decoded)
            result = module.output_fn(prediction, accept) if hasattr(module, "output_fn") else default_output_fn(prediction, accept)
        if isinstance(result, tuple):
            result = result[0]
        return result.decode("utf-8") if isinstance(result, bytes) else str(result)


def json_path(path, value, csv_row):
    """The JSONPath subset batch transform filters use; a CSV row is a list."""
    if path in (None, "", "$"):
        return value
    rest = path[1:]
    while rest:
        if rest.startswith("."):
            end = len(rest)
            for stop in ".[":
                found = rest.find(stop, 1)
                if found != -1:
                    end = min(end, found)
            value, rest = value[rest[1:end]], rest[end:]
            continue
        inner, rest = rest[1:rest.index("]")], rest[rest.index("]") + 1:]
        value = select(value, inner)
    return value


def select(value, inner):
    if ":" in inner:
        start, _, stop = inner.partition(":")
        return value[int(start) if start else None:int(stop) if stop else None]
    parts = [p.strip() for p in inner.split(",")]
    picked = [value[p.strip("'\"")] if p[:1] in "'\"" else value[int(p)] for p in parts]
    if len(parts) == 1:
        return picked[0]
    if isinstance(value, dict):
        return {p.strip("'\""): v for p, v in zip(parts, picked)}
    return picked


def split_records(data, split):
    if split == "Line":
        return [line for line in data.split("\n") if line.strip()]
    return [data]


def csv_cells(record):
    return next(csv.reader(io.StringIO(record)), [])


def to_csv(cells):
    out = io.StringIO()
    csv.writer(out, lineterminator="").writerow(cells if isinstance(cells, list) else [cells])
    return out.getvalue()


def filter_input(record, config):
    path = config.get("inputFilter")
    if path in (None, "$"):
        return record
    if config["contentType"].startswith("text/csv"):
        return to_csv(json_path(path, csv_cells(record), True))
    return json.dumps(json_path(path, json.loads(record), False))


def join_and_filter(record, output, config):
    """JoinSource Input, then OutputFilter, on one record and its output."""
    is_csv = config["contentType"].startswith("text/csv")
    joined = output
    if config.get("join") == "Input":
        if is_csv:
            joined = to_csv(csv_cells(record) + csv_cells(output))
        else:
            whole = json.loads(record)
            try:
                whole["SageMakerOutput"] = json.loads(output)
            except ValueError:
                whole["SageMakerOutput"] = output
            joined = json.dumps(whole)
    path = config.get("outputFilter")
    if path in (None, "$"):
        return joined
    if is_csv and config.get("join") == "Input":
        return to_csv(json_path(path, csv_cells(joined), True))
    return json.dumps(json_path(path, json.loads(joined), False))


def batches(records, config):
    if config.get("strategy") != "MultiRecord":
        return [[r] for r in records]
    limit = float(config.get("maxPayloadMb") or 6) * 1024 * 1024
    out, current, size = [], [], 0
    for record in records:
        length = len(record.encode("utf-8")) + 1
        if current and limit and size + length > limit:
            out.append(current)
            current, size = [], 0
        current.append(record)
        size += length
    if current:
        out.append(current)
    return out


def transform_file(handler, source, config):
    with open(source, "r", encoding="utf-8") as f:
        data = f.read()
    records = split_records(data, config.get("split"))
    results = []
    for batch in batches(records, config):
        sent = [filter_input(r, config) for r in batch]
        response = handler("\n".join(sent), config["contentType"], config["accept"])
        outputs = response.split("\n") if len(batch) > 1 else [response]
        if len(outputs) != len(batch):
            sys.exit("error: %d records sent in one request, %d answers (one a line) came back" % (len(batch), len(outputs)))
        results.extend(join_and_filter(r, o, config) for r, o in zip(batch, outputs))
    separator = "\n" if config.get("assemble") == "Line" else ""
    return separator.join(results) + ("\n" if separator and results else "")


def main():
    with open(CONFIG, "r") as f:
        config = json.load(f)
    handler = Handler(load_module(config["codeDir"], config["program"]), config["modelDir"])
    for item in config["inputs"]:
        target = os.path.join(config["outputDir"], item["key"] + ".out")
        os.makedirs(os.path.dirname(target), exist_ok=True)
        with open(target, "w", encoding="utf-8") as out:
            out.write(transform_file(handler, item["path"], config))
        print("transformed %s -> %s.out" % (item["key"], item["key"]), flush=True)


if __name__ == "__main__":
    main()
