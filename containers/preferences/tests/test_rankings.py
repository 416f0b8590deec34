import json

import pytest

from manifest_builders import ranking_content
from jobkit import JobError
from preference_builder.rankings import (best_worst_pair, fractional_ranks, mean_ranks, pairwise_agreement, parse_ranking_content,
                      strictly_ordered_pairs)


@pytest.mark.parametrize("ranks,expected", [
    ([1, 2, 3, 4], [1, 2, 3, 4]),
    ([4, 3, 2, 1], [4, 3, 2, 1]),
    ([1, 1, 3, 4], [1.5, 1.5, 3, 4]),
    ([1, 1, 2, 3], [1.5, 1.5, 3, 4]),  # dense numbering of the same tie
    ([2, 2, 2, 2], [2.5, 2.5, 2.5, 2.5]),
    ([1, 3, 3, 3], [1, 3, 3, 3]),
])
def test_fractional_ranks(ranks, expected):
    assert fractional_ranks(ranks) == expected


def test_parse_single_dimension():
    assert parse_ranking_content(ranking_content([2, 1, 4, 3]), 4, "f:1") == [2, 1, 4, 3]


def test_parse_accepts_answer_without_element_wrapper():
    content = json.dumps({"ordinalRankingDimensions": [{"name": "x", "responseRankings": [2, 1]}]})
    assert parse_ranking_content(content, 2, "f:1") == [2, 1]


def test_several_dimensions_are_averaged_or_selected():
    content = ranking_content([1, 2, 3], [3, 2, 1])
    assert parse_ranking_content(content, 3, "f:1") == [2, 2, 2]
    assert parse_ranking_content(content, 3, "f:1", dimension="dim1") == [3, 2, 1]
    with pytest.raises(JobError, match="f:1: no ranking dimension named 'nope'"):
        parse_ranking_content(content, 3, "f:1", dimension="nope")


@pytest.mark.parametrize("content,message", [
    ("{not json", r"f:7: annotationData.content is not valid JSON"),
    ('["a"]', r"f:7: annotationData.content should be a JSON object"),
    ('{"other": {"label": "x"}}', r"f:7: no <crowd-text-ranking> answer"),
    (ranking_content([1, 2, 3]), r"f:7: dimension 'dim0': 3 rankings for 4 responses"),
    (ranking_content([1, 2, 3, 5]), r"rank 5 is not an integer from 1 to 4"),
    (ranking_content([1, 2, 3, "4"]), r"rank '4' is not an integer"),
    (ranking_content([0, 1, 2, 3]), r"rank 0 is not an integer"),
    (json.dumps({"r": {"ordinalRankingDimensions": []}}), r"non-empty array"),
])
def test_malformed_content(content, message):
    with pytest.raises(JobError, match=message):
        parse_ranking_content(content, 4, "f:7")


def test_mean_best_worst_and_all_pairs():
    ranks = mean_ranks([[1, 2, 3, 4], [2, 1, 3.5, 3.5]])
    assert ranks == [1.5, 1.5, 3.25, 3.75]
    assert best_worst_pair(ranks) == (0, 3)  # tied best: lowest index
    assert strictly_ordered_pairs(ranks) == [(0, 2), (0, 3), (1, 2), (1, 3), (2, 3)]
    assert best_worst_pair([2.5] * 4) is None
    assert strictly_ordered_pairs([2.5] * 4) == []


def test_pairwise_agreement():
    same, reversed_, tied = [1, 2, 3], [3, 2, 1], [2, 2, 2]
    assert pairwise_agreement([same, same]) == (3, 3)
    assert pairwise_agreement([same, reversed_]) == (0, 3)
    assert pairwise_agreement([same, tied]) == (0, 0)  # ties are not compared
    assert pairwise_agreement([same, [1, 3, 2]]) == (2, 3)
