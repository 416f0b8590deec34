"""One vote per worker: which of a worker's answers wins."""
from preference_builder.manifest import Annotation, Item
from preference_builder.votes import one_vote, worker_votes

from manifest_builders import ranking_content


def test_the_most_frequent_answer_wins_whatever_the_order():
    for answers in ([[1.0, 2.0], [2.0, 1.0], [2.0, 1.0]], [[2.0, 1.0], [1.0, 2.0], [2.0, 1.0]]):
        assert one_vote(answers) == ([2.0, 1.0], "most frequent answer")


def test_equally_frequent_answers_are_averaged():
    assert one_vote([[1.0, 2.0, 3.0], [3.0, 2.0, 1.0]]) == ([2.0, 2.0, 2.0], "mean of the equally frequent answers")


def test_votes_are_one_per_worker_sorted_by_worker():
    item = Item("id:q", "q", "question", ["a", "b"], "m:1", [
        Annotation("zed", ranking_content([2, 1]), "m:1"), Annotation("amy", ranking_content([1, 2]), "m:1"),
        Annotation("zed", ranking_content([1, 2]), "m:1"), Annotation("zed", ranking_content([2, 1], [2, 1]), "m:1")])
    votes, repeated = worker_votes(item, None)
    assert votes == [[1.0, 2.0], [2.0, 1.0]]  # amy, then zed's most frequent answer
    assert [(r.worker, r.answers, r.distinct, r.rule) for r in repeated] == [("zed", 3, 2, "most frequent answer")]
