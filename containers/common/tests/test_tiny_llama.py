"""The shared tiny-Llama fixture really loads and generates with a chat template."""
from tiny_llama import EOT


def test_tiny_llama_loads_and_generates(tiny_llama_dir):
    import torch
    from transformers import AutoModelForCausalLM, AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(tiny_llama_dir)
    model = AutoModelForCausalLM.from_pretrained(tiny_llama_dir)
    messages = [{"role": "system", "content": "Be kind."}, {"role": "user", "content": "Ça va ? 口座"}]
    prompt = tokenizer.apply_chat_template(messages, add_generation_prompt=True, tokenize=False)
    assert prompt.endswith("<|start_header_id|>assistant<|end_header_id|>\n\n")
    ids = tokenizer(prompt, add_special_tokens=False, return_tensors="pt")
    assert tokenizer.decode(ids["input_ids"][0]) == prompt  # byte-level: lossless round trip
    torch.manual_seed(0)
    out = model.generate(**ids, max_new_tokens=5, do_sample=True)
    assert out.shape[1] > ids["input_ids"].shape[1]
    assert tokenizer.eos_token == EOT and model.config.num_hidden_layers == 2


def test_a_taught_tiny_llama_ends_its_turns(tmp_path):
    import torch
    from transformers import AutoModelForCausalLM, AutoTokenizer

    from tiny_llama import build_tiny_llama, teach_to_end_turns

    folder = teach_to_end_turns(build_tiny_llama(tmp_path / "m"), steps=150)
    tokenizer = AutoTokenizer.from_pretrained(folder)
    model = AutoModelForCausalLM.from_pretrained(folder).eval()
    ended = 0
    for question in ("Are transfers free?", "Where is my nearest branch?", "Can I get a loan?"):
        ids = tokenizer.apply_chat_template([{"role": "user", "content": question}], add_generation_prompt=True,
                                            return_tensors="pt", return_dict=True)["input_ids"]
        with torch.no_grad():
            out = model.generate(ids, max_new_tokens=40, do_sample=False, eos_token_id=tokenizer.eos_token_id,
                                 pad_token_id=tokenizer.pad_token_id)
        ended += tokenizer.eos_token_id in out[0, ids.shape[1]:].tolist()
    assert ended == 3  # greedy answers stop by themselves, unseen questions included
