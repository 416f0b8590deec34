import pytest

from generation.chat_template import encode_prompts, render_prompt, stop_token_ids
from jobkit import JobError, prompt_messages


@pytest.fixture(scope="module")
def tokenizer(tiny_llama_dir):
    from transformers import AutoTokenizer

    return AutoTokenizer.from_pretrained(tiny_llama_dir)


def test_render_prompt_uses_system_context_and_opens_assistant_turn(tokenizer):
    text = render_prompt(tokenizer, prompt_messages("Be Example Bank.", "Où est ma carte ?"))
    assert text.startswith("<|begin_of_text|><|start_header_id|>system<|end_header_id|>\n\nBe Example Bank.<|eot_id|>")
    assert "<|start_header_id|>user<|end_header_id|>\n\nOù est ma carte ?<|eot_id|>" in text
    assert text.endswith("<|start_header_id|>assistant<|end_header_id|>\n\n")


def test_encoded_prompt_has_a_single_bos(tokenizer):
    (ids,) = encode_prompts(tokenizer, [prompt_messages(None, "hi")])
    assert ids.count(tokenizer.bos_token_id) == 1 and ids[0] == tokenizer.bos_token_id


def test_stop_tokens_include_end_of_turn(tokenizer):
    assert stop_token_ids(tokenizer) == [tokenizer.convert_tokens_to_ids("<|eot_id|>")]  # eos is eot here


def test_tokenizer_without_template_is_rejected(tokenizer):
    import copy

    bare = copy.deepcopy(tokenizer)
    bare.chat_template = None
    with pytest.raises(JobError, match="no chat template"):
        render_prompt(bare, prompt_messages(None, "hi"))
