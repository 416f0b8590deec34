import pytest

from jobkit import JobError, assistant_message, prompt_messages, read_context


def test_read_context_from_file_or_single_file_folder(tmp_path):
    (tmp_path / "context.md").write_bytes("\ufeff  Example Bank values: be kind.\n\n".encode())
    assert read_context(tmp_path) == "Example Bank values: be kind."
    assert read_context(tmp_path / "context.md") == "Example Bank values: be kind."


def test_read_context_errors(tmp_path):
    (tmp_path / "empty.md").write_text(" \n")
    with pytest.raises(JobError, match="context file is empty"):
        read_context(tmp_path / "empty.md")
    (tmp_path / "bad.md").write_bytes(b"caf\xe9")
    with pytest.raises(JobError, match="invalid UTF-8 at byte 3"):
        read_context(tmp_path / "bad.md")


def test_prompt_messages():
    assert prompt_messages("ctx", "q?") == [{"role": "system", "content": "ctx"}, {"role": "user", "content": "q?"}]
    assert prompt_messages(None, "q?") == [{"role": "user", "content": "q?"}]
    assert assistant_message("a") == [{"role": "assistant", "content": "a"}]
