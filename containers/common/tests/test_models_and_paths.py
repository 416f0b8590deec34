import pytest

from jobkit import JobError, list_input_files, resolve_model_source, single_input_file, training_channel


def make_model(folder):
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "config.json").write_text("{}")
    return folder


def test_channel_with_config_wins_over_hub_id(tmp_path):
    model = make_model(tmp_path / "model")
    assert resolve_model_source(model, "meta-llama/Meta-Llama-3-8B-Instruct") == str(model)


def test_single_wrapping_subfolder_is_accepted(tmp_path):
    inner = make_model(tmp_path / "model" / "Meta-Llama-3-8B-Instruct")
    assert resolve_model_source(tmp_path / "model", None) == str(inner)


@pytest.mark.parametrize("create", [False, True])
def test_missing_or_empty_channel_falls_back_to_hub_id(tmp_path, create):
    channel = tmp_path / "model"
    if create:
        channel.mkdir()
    assert resolve_model_source(channel, " org/model ") == "org/model"


def test_channel_with_files_but_no_config_is_an_error(tmp_path):
    channel = tmp_path / "model"
    channel.mkdir()
    (channel / "model.tar.gz").write_bytes(b"x")
    with pytest.raises(JobError, match=r"holds files \(model\.tar\.gz\) but no config\.json"):
        resolve_model_source(channel, "org/model")


def test_neither_is_an_error(tmp_path):
    with pytest.raises(JobError, match="no base model"):
        resolve_model_source(tmp_path / "absent", None)


def test_input_files_sorted_and_hidden_skipped(tmp_path):
    for name in ["b.jsonl", "a.jsonl", ".hidden.jsonl", "sub/c.jsonl", "notes.txt"]:
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text("")
    names = [p.relative_to(tmp_path).as_posix() for p in list_input_files(tmp_path, [".jsonl"])]
    assert names == ["a.jsonl", "b.jsonl", "sub/c.jsonl"]


def test_single_input_file(tmp_path):
    (tmp_path / "q.jsonl").write_text("")
    assert single_input_file(tmp_path) == tmp_path / "q.jsonl"
    assert single_input_file(tmp_path / "q.jsonl") == tmp_path / "q.jsonl"
    (tmp_path / "r.txt").write_text("")
    with pytest.raises(JobError, match="expected one input file, found 2"):
        single_input_file(tmp_path)
    with pytest.raises(JobError, match="no such file or folder"):
        single_input_file(tmp_path / "absent")


def test_training_channel(monkeypatch):
    monkeypatch.delenv("SM_CHANNEL_TRAIN", raising=False)
    assert training_channel("train") == "/opt/ml/input/data/train"
    monkeypatch.setenv("SM_CHANNEL_TRAIN", "/x/train")
    assert training_channel("train") == "/x/train"
