"""A server with its default neural model loaded (`gemfill serve` without flags)."""

import gemfill


def test_default_server_searches_in_hybrid_mode_with_the_model(with_model):
    with with_model.client() as client:
        result = client.synthesize(
            [("John Smith", "SMITH"), ("Ada Lovelace", "LOVELACE")],
            unlabeled=["Grace Hopper"],
            timeout=20,
        )
        assert result.stats.mode == "hybrid"
        assert result.stats.proposals > 0
        assert result.best.outputs[0].value == "HOPPER"

        neural = client.synthesize([("hello", "HELLO"), ("ab12cd", "AB12CD")], mode="neural")
        assert neural.stats.mode == "neural"
        assert all(p.passed_examples == 2 for p in neural.programs)
        assert client.synthesize([("a", "A")], mode=gemfill.Mode.ENUMERATIVE).stats.mode == (
            "enumerative"
        )
