import json

import pytest

from manifest_builders import LABEL, annotation, manifest_line, ranking_content, write_lines
from preference_builder.loading import load_items
from preference_builder.manifest import detect_label_attribute, item_key, read_records
from jobkit import JobError


def test_label_attribute_detected_from_annotations_or_metadata(tmp_path):
    failed = {"id": "x", "source": "q", "responses": ["a", "b"],
              "other-metadata": {"failure-reason": "ClientError: task expired", "human-annotated": "yes"}}
    path = write_lines(tmp_path / "m.manifest", [manifest_line("1", "q", ["a", "b"], []), failed])
    with pytest.raises(JobError, match=f"several label attributes found \\({LABEL}, other\\)"):
        detect_label_attribute(read_records([path]), None)
    assert detect_label_attribute(read_records([path]), "mine") == "mine"


def test_failed_items_are_marked_not_fatal(tmp_path):
    failed = {"id": "x", "source": "q", "responses": ["a", "b"],
              f"{LABEL}-metadata": {"failure-reason": "task expired"}}
    path = write_lines(tmp_path / "m.manifest", [manifest_line("1", "q1", ["a", "b"], [annotation("w", [1, 2])]), failed])
    loaded = load_items(path, None)
    assert loaded.label_attribute == LABEL
    assert loaded.items["id:x"].labeling_failed and not loaded.items["id:x"].annotations


def test_same_item_on_several_lines_is_merged_and_exact_repeats_dropped(tmp_path):
    a = manifest_line("1", "q", ["a", "b"], [annotation("w1", [1, 2])])
    b = manifest_line("1", "q", ["a", "b"], [annotation("w1", [1, 2]), annotation("w2", [2, 1])])
    loaded = load_items(write_lines(tmp_path / "m.manifest", [a, b]), None)
    assert [x.worker_id for x in loaded.items["id:1"].annotations] == ["w1", "w2"]
    assert loaded.duplicate_annotations == 1


def test_conflicting_lines_for_one_id_are_an_error(tmp_path):
    a = manifest_line("1", "q", ["a", "b"], [])
    b = manifest_line("1", "q", ["a", "DIFFERENT"], [])
    with pytest.raises(JobError, match=r"m\.manifest:2: item id:1 has a different 'responses' than at .*m\.manifest:1"):
        load_items(write_lines(tmp_path / "m.manifest", [a, b]), None)


def test_items_without_id_are_keyed_by_source_text(tmp_path):
    line = manifest_line(None, "Où est ma carte ?", ["a", "b"], [annotation("w", [1, 2])])
    loaded = load_items(write_lines(tmp_path / "m.manifest", [line]), None)
    assert list(loaded.items) == [item_key(None, "Où est ma carte ?")]


@pytest.mark.parametrize("mutate,message", [
    (lambda l: l.pop("source"), r"m\.manifest:1: missing field 'source'"),
    (lambda l: l.update(responses="a"), r"m\.manifest:1: field 'responses' should be an array"),
    (lambda l: l.update(responses=["a", 3]), r"m\.manifest:1: responses\[1\] should be a string"),
    (lambda l: l.update(id=True), r"m\.manifest:1: field 'id' should be"),
    (lambda l: l.update({LABEL: {"annotationsFromAllWorkers": [{"workerId": "w"}]}}),
     r"m\.manifest:1: annotationsFromAllWorkers\[0\]: expected an object with workerId and annotationData"),
    (lambda l: l.update({LABEL: {"annotationsFromAllWorkers": [{"workerId": "w", "annotationData": {"content": 3}}]}}),
     r"annotationData\.content should be a JSON string"),
    (lambda l: l.update({LABEL: {"annotationsFromAllWorkers": "x"}}), r"should hold annotationsFromAllWorkers"),
])
def test_malformed_lines(tmp_path, mutate, message):
    line = manifest_line("1", "q", ["a", "b"], [annotation("w", [1, 2])])
    mutate(line)
    with pytest.raises(JobError, match=message):
        load_items(write_lines(tmp_path / "m.manifest", [line]), LABEL)


def annotation_file(records):
    return json.dumps([{"datasetObjectId": str(n), "dataObject": data, "annotations": anns}
                       for n, (data, anns) in enumerate(records)], ensure_ascii=False)


def test_folder_joins_annotation_files_by_source_text_or_id(tmp_path):
    write_lines(tmp_path / "input" / "manifest.jsonl", [
        {"id": "b", "source": "Quel est mon solde ?", "responses": ["x", "y"]},
        {"id": "a", "source": "Second question", "responses": ["p", "q"]},
    ])
    worker = {"workerId": "w1", "annotationData": {"content": ranking_content([2, 1])}}
    (tmp_path / "annotations").mkdir()
    (tmp_path / "annotations" / "10.json").write_text(annotation_file([({"content": "Quel est mon solde ?"}, [worker])]))
    (tmp_path / "annotations" / "2.json").write_text(annotation_file([({"id": "a", "source": "Second question"}, [worker])]))
    loaded = load_items(tmp_path, None)
    assert {k: len(v.annotations) for k, v in loaded.items.items()} == {"id:a": 1, "id:b": 1}


def test_folder_annotation_without_matching_item(tmp_path):
    write_lines(tmp_path / "manifest.jsonl", [{"id": "b", "source": "known", "responses": ["x", "y"]}])
    (tmp_path / "ann.json").write_text(annotation_file([({"content": "unknown question"}, [])]))
    with pytest.raises(JobError, match=r"ann\.json: record 1 \(datasetObjectId 0\): no manifest line with source"):
        load_items(tmp_path, None)


def test_folder_skips_files_without_identity(tmp_path):
    write_lines(tmp_path / "output.manifest", [manifest_line("1", "q", ["a", "b"], [annotation("w", [1, 2])])])
    raw = tmp_path / "worker-response" / "iteration-1" / "0"
    raw.mkdir(parents=True)
    (raw / "2025.json").write_text(json.dumps({"answers": [{"workerId": "w", "answerContent": {}}]}))
    loaded = load_items(tmp_path, None)
    assert loaded.ignored_files == [str(raw / "2025.json")]
    assert len(loaded.items["id:1"].annotations) == 1


def test_annotation_file_bad_json_names_line(tmp_path):
    write_lines(tmp_path / "manifest.jsonl", [{"id": "b", "source": "known", "responses": ["x", "y"]}])
    (tmp_path / "ann.json").write_text('[\n  {"dataObject": {},\n  oops\n]')
    with pytest.raises(JobError, match=r"ann\.json:3: invalid JSON"):
        load_items(tmp_path, None)
