import pytest

from generation.chat_template import encode_prompts, stop_token_ids
from generation.backends import Sampling, choose_backend, generate_transformers
from jobkit import JobError, prompt_messages


@pytest.mark.parametrize("kwargs,message", [
    (dict(n=0), "--num-responses"), (dict(temperature=-1), "--temperature"), (dict(top_p=0), "--top-p"),
    (dict(top_p=1.5), "--top-p"), (dict(max_new_tokens=0), "--max-new-tokens"),
])
def test_sampling_validation(kwargs, message):
    with pytest.raises(JobError, match=message):
        Sampling(**kwargs).validate()


def test_defaults():
    assert Sampling().as_dict() == {"n": 4, "temperature": 1.0, "top_p": 0.95, "max_new_tokens": 120, "seed": 42}


def test_backend_choice_without_vllm():
    # vLLM is not installable on this CPU machine: auto falls back, an explicit request fails.
    assert choose_backend("auto") == "transformers"
    assert choose_backend("transformers") == "transformers"
    with pytest.raises(JobError, match="--backend vllm needs a GPU"):
        choose_backend("vllm")  # this machine has none


@pytest.fixture(scope="module")
def setup(tiny_llama_dir):
    from transformers import AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(tiny_llama_dir)
    prompts = encode_prompts(tokenizer, [prompt_messages("ctx", q) for q in ("A short one?", "A much longer question here?", "C?")])
    return str(tiny_llama_dir), tokenizer, prompts, stop_token_ids(tokenizer)


def run(setup, sampling, batch_size=2):
    model, tokenizer, prompts, stops = setup
    return generate_transformers(model, tokenizer, prompts, sampling, stops, None, batch_size)


def test_n_answers_per_prompt_reproducible_by_seed(setup):
    sampling = Sampling(n=3, max_new_tokens=6, seed=1)
    first = run(setup, sampling)
    assert [len(answers) for answers in first.texts] == [3, 3, 3]
    assert all(isinstance(text, str) for answers in first.texts for text in answers)
    assert run(setup, sampling) == first
    assert run(setup, Sampling(n=3, max_new_tokens=6, seed=2)) != first


def test_temperature_zero_is_greedy_and_padding_does_not_change_answers(setup):
    greedy = Sampling(n=2, temperature=0.0, max_new_tokens=5)
    batched = run(setup, greedy, batch_size=3)
    alone = run(setup, greedy, batch_size=1)
    assert all(a == b for a, b in batched.texts)  # greedy: the n answers are identical
    assert batched == alone  # left padding + attention mask: batching does not change results


def test_answers_cut_at_max_new_tokens_are_marked(setup):
    # A random tiny model almost never emits its end-of-turn token within 3 tokens: cut answers.
    cut = run(setup, Sampling(n=2, max_new_tokens=3, seed=1))
    assert [len(flags) for flags in cut.truncated] == [2, 2, 2] and all(all(flags) for flags in cut.truncated)
    # Every token counts as a stop token: each answer ends at once, none is cut.
    model, tokenizer, prompts, _ = setup
    ended = generate_transformers(model, tokenizer, prompts, Sampling(n=2, max_new_tokens=3, seed=1),
                                  list(range(len(tokenizer))), None, 2)
    assert not any(any(flags) for flags in ended.truncated)
