"""build_preferences.py run as a subprocess, as SageMaker runs it."""
import json
import random

import pytest

from manifest_builders import LABEL, annotation, manifest_line, read_jsonl, run, sample_lines, write_lines


def outputs(out):
    return {name: (out / name).read_text(encoding="utf-8") for name in ("train/train.jsonl", "test/test.jsonl")}


def test_end_to_end_outputs_and_stats(tmp_path):
    manifest = write_lines(tmp_path / "output.manifest", sample_lines(10))
    context = tmp_path / "context.md"
    context.write_text("You are Example Bank's assistant. Be honest and kind.\n", encoding="utf-8")
    result = run("--manifest", manifest, "--output-dir", tmp_path / "out", "--context-file", context)
    assert result.returncode == 0, result.stderr
    stats = json.loads(result.stdout)
    assert json.loads((tmp_path / "out" / "stats.json").read_text()) == stats
    assert json.loads((tmp_path / "out" / "train" / "stats.json").read_text()) == stats
    assert (stats["items"], stats["pairs"], stats["test"]["items"], stats["train"]["items"]) == (10, 10, 2, 8)
    assert stats["workers_per_item"]["histogram"] == {"1": 6, "2": 4}
    assert stats["label_attribute"] == LABEL and stats["system_prompt"] is True
    train = read_jsonl(tmp_path / "out" / "train" / "train.jsonl")
    test = read_jsonl(tmp_path / "out" / "test" / "test.jsonl")
    assert len(train) == 8 and len(test) == 2
    assert not {r["id"] for r in train} & {r["id"] for r in test}
    row = train[0]
    assert [m["role"] for m in row["prompt"]] == ["system", "user"]
    assert row["prompt"][0]["content"] == "You are Example Bank's assistant. Be honest and kind."
    assert row["chosen"][0]["role"] == row["rejected"][0]["role"] == "assistant"
    assert "réponse" in (tmp_path / "out" / "train" / "train.jsonl").read_text(encoding="utf-8")


def test_best_and_worst_follow_the_rankings(tmp_path):
    line = manifest_line("q1", "Can I get a loan?", ["meh", "great", "rude", "ok"], [annotation("w", [3, 1, 4, 2])])
    write_lines(tmp_path / "m.manifest", [line])
    assert run("--manifest", tmp_path / "m.manifest", "--output-dir", tmp_path / "out").returncode == 0
    (row,) = read_jsonl(tmp_path / "out" / "train" / "train.jsonl")
    assert (row["chosen"][0]["content"], row["rejected"][0]["content"]) == ("great", "rude")
    assert row["prompt"] == [{"role": "user", "content": "Can I get a loan?"}]
    assert (tmp_path / "out" / "test" / "test.jsonl").read_text() == ""


def test_shuffled_input_gives_identical_output(tmp_path):
    lines = sample_lines(20)
    shuffled = lines[:]
    random.Random(3).shuffle(shuffled)
    write_lines(tmp_path / "a.manifest", lines)
    write_lines(tmp_path / "b.manifest", shuffled)
    for name in "ab":
        assert run("--manifest", tmp_path / f"{name}.manifest", "--output-dir", tmp_path / name).returncode == 0
    assert outputs(tmp_path / "a") == outputs(tmp_path / "b")


def test_seed_changes_the_split_but_not_the_pairs(tmp_path):
    write_lines(tmp_path / "m.manifest", sample_lines(20))
    run("--manifest", tmp_path / "m.manifest", "--output-dir", tmp_path / "s1", "--seed", "1")
    run("--manifest", tmp_path / "m.manifest", "--output-dir", tmp_path / "s2", "--seed", "2")
    rows = {s: read_jsonl(tmp_path / s / "test" / "test.jsonl") for s in ("s1", "s2")}
    assert {r["id"] for r in rows["s1"]} != {r["id"] for r in rows["s2"]}
    both = {s: read_jsonl(tmp_path / s / "train" / "train.jsonl") + rows[s] for s in rows}
    assert sorted(map(json.dumps, both["s1"])) == sorted(map(json.dumps, both["s2"]))


def test_ties_several_workers_and_all_pairs(tmp_path):
    lines = [
        manifest_line("tie", "q1", ["a", "b", "c"], [annotation("w1", [1, 1, 1]), annotation("w2", [1, 1, 1])]),
        manifest_line("two", "q2", ["a", "b", "c"], [annotation("w1", [1, 2, 3]), annotation("w2", [3, 2, 1])]),
        manifest_line("three", "q3", ["a", "b", "c"], [annotation("w1", [1, 1, 3]), annotation("w2", [1, 2, 3])]),
    ]
    write_lines(tmp_path / "m.manifest", lines)
    result = run("--manifest", tmp_path / "m.manifest", "--output-dir", tmp_path / "out", "--pairs", "all",
                 "--test-fraction", "0")
    assert result.returncode == 0, result.stderr
    stats = json.loads(result.stdout)
    # "tie": all tied; "two": opposite workers -> mean ranks all 2 -> no strict preference
    assert stats["skipped"] == {"no_strict_preference": 2}
    rows = read_jsonl(tmp_path / "out" / "train" / "train.jsonl")
    assert [(r["chosen"][0]["content"], r["rejected"][0]["content"]) for r in rows] == [
        ("a", "b"), ("a", "c"), ("b", "c")]  # "three": mean ranks 1.25, 1.75, 3
    assert stats["agreement"]["compared_orders"] == 3 + 2  # "two": 3 orders; "three": w1 tied a/b
    assert stats["agreement"]["pairwise_order_agreement"] == round(2 / 5, 4)


def test_folder_of_worker_response_files(tmp_path):
    folder = tmp_path / "gt"
    write_lines(folder / "input" / "manifest.jsonl", [
        {"id": "q1", "source": "Ünïcode question ✓", "responses": ["good", "bad"]},
        {"id": "q2", "source": "Second", "responses": ["bad", "good"]},
    ])
    content_q1 = json.dumps({"ranking": {"ordinalRankingDimensions": [{"name": "values", "responseRankings": [1, 2]}]}})
    content_q2 = json.dumps({"ranking": {"ordinalRankingDimensions": [{"name": "values", "responseRankings": [2, 1]}]}})
    records = [
        {"datasetObjectId": "10", "dataObject": {"content": "Second"},
         "annotations": [{"workerId": "w1", "annotationData": {"content": content_q2}}]},
        {"datasetObjectId": "2", "dataObject": {"content": "Ünïcode question ✓"},
         "annotations": [{"workerId": "w1", "annotationData": {"content": content_q1}}]},
    ]
    (folder / "annotations").mkdir()
    (folder / "annotations" / "batch.json").write_text(json.dumps(records, ensure_ascii=False), encoding="utf-8")
    result = run("--manifest", folder, "--output-dir", tmp_path / "out", "--test-fraction", "0")
    assert result.returncode == 0, result.stderr
    rows = read_jsonl(tmp_path / "out" / "train" / "train.jsonl")
    assert {(r["id"], r["chosen"][0]["content"], r["rejected"][0]["content"]) for r in rows} == {
        ("q1", "good", "bad"), ("q2", "good", "bad")}


BAD_CONTENT = {"workerId": "w", "annotationData": {"content": "{oops"}}


@pytest.mark.parametrize("lines,message", [
    (['{"id": "q1", "source": "q", '], r"m\.manifest:1: invalid JSON"),
    ([json.dumps(manifest_line("q1", "q", ["a", "b"], [annotation("w", [1, 2])])), "",
      json.dumps({"id": "q2", "source": "q2", "responses": ["a", "b"]})], rf"m\.manifest:3: missing label attribute '{LABEL}'"),
    ([json.dumps(manifest_line("q1", "q", ["a", "b"], [BAD_CONTENT]))], r"m\.manifest:1: annotationsFromAllWorkers\[0\]: annotationData\.content is not valid JSON"),
    ([json.dumps(manifest_line("q1", "q", ["a", "b", "c"], [annotation("w", [1, 2])]))], r"m\.manifest:1: .*2 rankings for 3 responses"),
    ([json.dumps({"id": "q1", "source": "q", "responses": ["a", "b"]})], r"no label attribute found"),
    # Hostile JSON that the standard parser turns into a traceback or a crash at write time:
    (["[" * 100_000 + "]" * 100_000], r"m\.manifest:1: invalid JSON: nested too deeply"),
    (['{"id": ' + "9" * 5000 + ', "source": "q", "responses": []}'], r"m\.manifest:1: invalid JSON: a number it cannot read"),
    ([json.dumps(manifest_line("q1", "q", ["a", "b"], [annotation("w", [1, 2])])).replace('"q"', '"\\ud800 q"', 1)],
     r"m\.manifest:1: invalid JSON: a string holds the lone surrogate \\ud800"),
    (['{"id": "q1", "source": NaN, "responses": []}'], r"m\.manifest:1: invalid JSON: NaN is not a JSON number"),
    ([json.dumps(manifest_line("q1", "q", ["a", "b"], [{"workerId": "w", "annotationData": {"content": "[" * 100_000}}]))],
     r"m\.manifest:1: annotationsFromAllWorkers\[0\]: annotationData\.content is not valid JSON: nested too deeply"),
], ids=["truncated", "no-label", "bad-content", "wrong-length", "no-label-at-all", "deep", "long-int", "surrogate",
        "nan", "deep-content"])
def test_malformed_manifest_exits_1_with_location_and_writes_nothing(tmp_path, lines, message):
    write_lines(tmp_path / "m.manifest", lines, raw=True)
    result = run("--manifest", tmp_path / "m.manifest", "--output-dir", tmp_path / "out")
    assert result.returncode == 1
    assert result.stderr.startswith("error: ") and "Traceback" not in result.stderr
    assert __import__("re").search(message, result.stderr), result.stderr
    assert not (tmp_path / "out").exists()


def test_empty_manifest_is_an_error(tmp_path):
    (tmp_path / "m.manifest").write_text("\n")
    result = run("--manifest", tmp_path / "m.manifest", "--output-dir", tmp_path / "out")
    assert result.returncode == 1 and "no preference pairs could be built from 0 items" in result.stderr
    assert not (tmp_path / "out").exists()


def test_previous_outputs_survive_a_failed_run(tmp_path):
    write_lines(tmp_path / "good.manifest", sample_lines(5))
    assert run("--manifest", tmp_path / "good.manifest", "--output-dir", tmp_path / "out").returncode == 0
    before = outputs(tmp_path / "out")
    write_lines(tmp_path / "bad.manifest", ["{bad"], raw=True)
    assert run("--manifest", tmp_path / "bad.manifest", "--output-dir", tmp_path / "out").returncode == 1
    assert outputs(tmp_path / "out") == before


@pytest.mark.parametrize("args,message", [
    (["--test-fraction", "1.5"], "--test-fraction must be in [0, 1)"),
    (["--pairs", "some"], "argument --pairs: invalid choice"),
    (["--context-file", "/nonexistent/context.md"], "/nonexistent/context.md: no such file or folder"),
])
def test_bad_arguments(tmp_path, args, message):
    write_lines(tmp_path / "m.manifest", sample_lines(2))
    result = run("--manifest", tmp_path / "m.manifest", "--output-dir", tmp_path / "out", *args)
    assert result.returncode == 1 and message in result.stderr and "Traceback" not in result.stderr


def test_output_is_what_train_and_evaluate_read(tmp_path):
    from jobkit import read_preference_pairs, user_question

    write_lines(tmp_path / "m.manifest", sample_lines(6))
    (tmp_path / "ctx.md").write_text("Example Bank context")
    assert run("--manifest", tmp_path / "m.manifest", "--output-dir", tmp_path / "out",
               "--context-file", tmp_path / "ctx.md", "--pairs", "all").returncode == 0
    pairs = read_preference_pairs(tmp_path / "out" / "train")
    assert len(pairs) == len(read_jsonl(tmp_path / "out" / "train" / "train.jsonl")) > 6
    assert user_question(pairs[0]).startswith("Question ")


@pytest.mark.parametrize("text,message", [
    ("[" * 100_000 + "]" * 100_000, r"batch\.json: invalid JSON: nested too deeply"),
    ('[{"dataObject": {"id": "q1"}, "annotations": [], "n": ' + "1" * 5000 + "}]", r"batch\.json: invalid JSON: a number"),
    ('[{"dataObject": {"id": "\\udfff"}, "annotations": []}]', r"batch\.json: invalid JSON: a string holds the lone surrogate"),
], ids=["deep", "long-int", "surrogate"])
def test_hostile_annotation_file_exits_1_with_its_path(tmp_path, text, message):
    folder = tmp_path / "in"
    write_lines(folder / "input.manifest", [{"id": "q1", "source": "q", "responses": ["a", "b"]}])
    (folder / "batch.json").write_text(text, encoding="utf-8")
    result = run("--manifest", folder, "--output-dir", tmp_path / "out")
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr[-2000:]
    assert __import__("re").search(message, result.stderr), result.stderr
    assert not (tmp_path / "out").exists()


def test_a_worker_who_answers_an_item_several_times_counts_once(tmp_path):
    # w1 and w2 prefer answer 0; w3 prefers answer 1 and sent it three times (in differently shaped
    # answers, so loading does not drop them as exact repeats). Counted three times, w3 alone flipped
    # the pair: mean ranks 1.6 vs 1.4 for "second".
    repeated = [annotation("w3", [2, 1]), annotation("w3", [2, 1], [2, 1]), annotation("w3", [2, 1], [2, 1], [2, 1])]
    line = manifest_line("q1", "q", ["first", "second"], [annotation("w1", [1, 2]), annotation("w2", [1, 2]), *repeated])
    write_lines(tmp_path / "m.manifest", [line])
    result = run("--manifest", tmp_path / "m.manifest", "--output-dir", tmp_path / "out", "--test-fraction", "0")
    assert result.returncode == 0, result.stderr
    [row] = read_jsonl(tmp_path / "out" / "train" / "train.jsonl")
    assert (row["chosen"][0]["content"], row["rejected"][0]["content"]) == ("first", "second")
    stats = json.loads((tmp_path / "out" / "stats.json").read_text())
    assert stats["workers_per_item"]["histogram"] == {"3": 1}
    assert stats["repeated_worker_answers"] == [{"item": "q1", "worker": "w3", "answers": 3, "distinct": 1,
                                                 "used": [2.0, 1.0], "rule": "identical answers"}]
    assert ("warning: item q1: worker w3 answered 3 times (1 distinct ranking); counted once, "
            "with the identical answers [2.0, 1.0]") in result.stderr


def test_answers_cut_at_max_new_tokens_are_not_trained_on(tmp_path):
    # generate.py marks cut answers; the best-ranked one here was cut, so the best finished one is chosen.
    cut_best = {**manifest_line("q1", "q", ["cut off mid", "good", "bad"], [annotation("w1", [1, 2, 3])]),
                "truncated": [True, False, False]}
    all_cut = {**manifest_line("q2", "q2", ["a", "b"], [annotation("w1", [1, 2])]), "truncated": [True, True]}
    write_lines(tmp_path / "m.manifest", [cut_best, all_cut])
    result = run("--manifest", tmp_path / "m.manifest", "--output-dir", tmp_path / "out", "--test-fraction", "0")
    assert result.returncode == 0, result.stderr
    [row] = read_jsonl(tmp_path / "out" / "train" / "train.jsonl")
    assert (row["id"], row["chosen"][0]["content"], row["rejected"][0]["content"]) == ("q1", "good", "bad")
    assert json.loads((tmp_path / "out" / "stats.json").read_text())["skipped"] == {"truncated_answers": 1}


def test_a_malformed_truncated_field_is_located(tmp_path):
    line = {**manifest_line("q1", "q", ["a", "b"], [annotation("w1", [1, 2])]), "truncated": [True]}
    write_lines(tmp_path / "m.manifest", [line])
    result = run("--manifest", tmp_path / "m.manifest", "--output-dir", tmp_path / "out")
    assert result.returncode == 1 and "m.manifest:1: field 'truncated' should be an array of 2 booleans" in result.stderr
