from manifest_builders import ranking_content
from preference_builder.manifest import Annotation, Item, item_key
from preference_builder.pairs import build_pairs, choose_test_items, summary_stats, trl_row


def make_item(item_id, responses, *worker_ranks, failed=False):
    item = Item(item_key(item_id, "q"), item_id, f"question {item_id}", responses, f"m:{item_id}", labeling_failed=failed)
    item.annotations = [Annotation(f"w{i}", ranking_content(r), f"m:{item_id}") for i, r in enumerate(worker_ranks)]
    return item


def test_best_worst_with_ties_and_skips():
    items = [
        make_item("a", ["A0", "A1", "A2"], [2, 1, 3]),
        make_item("b", ["B0", "B1", "B2"], [1, 1, 1]),           # all tied
        make_item("c", ["C0", "C1"], failed=True),               # labeling failed
        make_item("d", ["D0", "D1"]),                            # no annotations
        make_item("e", ["same", "same"], [1, 2]),                # identical texts
        make_item("f", ["only"], [1]),                           # one response
    ]
    outcome = build_pairs(items, "best-worst")
    assert [(p.item.item_id, p.chosen, p.rejected) for p in outcome.pairs] == [("a", 1, 2)]
    assert dict(outcome.skipped) == {"no_strict_preference": 1, "labeling_failed": 1, "no_annotations": 1,
                                     "identical_chosen_and_rejected": 1, "fewer_than_two_responses": 1}


def test_several_workers_mean_rank_and_agreement():
    item = make_item("a", ["A0", "A1", "A2"], [1, 2, 3], [2, 1, 3], [1, 3, 2])
    outcome = build_pairs([item], "best-worst")
    pair = outcome.pairs[0]
    assert (pair.chosen, pair.rejected) == (0, 2)  # mean ranks 1.33, 2, 2.67
    stats = summary_stats(outcome)
    assert stats["workers_per_item"] == {"min": 3, "mean": 3.0, "max": 3, "histogram": {"3": 1}}
    # worker pairs: (1,2) agree on 2 of 3 orders, (1,3) 2 of 3, (2,3) 1 of 3
    assert stats["agreement"] == {"pairwise_order_agreement": round(5 / 9, 4), "compared_orders": 9,
                                  "items_with_several_workers": 1}


def test_all_pairs_mode_emits_every_strict_order():
    item = make_item("a", ["A0", "A1", "A2", "A3"], [1, 1, 3, 4])
    pairs = build_pairs([item], "all").pairs
    assert [(p.chosen, p.rejected) for p in pairs] == [(0, 2), (0, 3), (1, 2), (1, 3), (2, 3)]


def test_trl_row_format():
    item = make_item("a", ["A0", "A1"], [2, 1])
    row = trl_row(build_pairs([item], "best-worst").pairs[0], "Be Example Bank.")
    assert row == {
        "id": "a",
        "prompt": [{"role": "system", "content": "Be Example Bank."}, {"role": "user", "content": "question a"}],
        "chosen": [{"role": "assistant", "content": "A1"}],
        "rejected": [{"role": "assistant", "content": "A0"}],
    }
    assert trl_row(build_pairs([item], "best-worst").pairs[0], None)["prompt"] == [
        {"role": "user", "content": "question a"}]


def test_split_is_deterministic_order_free_and_seeded():
    keys = [f"id:{n}" for n in range(50)]
    chosen = choose_test_items(keys, 0.2, 42)
    assert len(chosen) == 10
    assert choose_test_items(list(reversed(keys)) + keys, 0.2, 42) == chosen
    assert choose_test_items(keys, 0.2, 7) != chosen


def test_split_edge_cases():
    assert choose_test_items(["a"], 0.2, 1) == set()
    assert len(choose_test_items(["a", "b"], 0.2, 1)) == 1
    assert len(choose_test_items(["a", "b"], 0.9, 1)) == 1
    assert choose_test_items(["a", "b", "c"], 0.0, 1) == set()
