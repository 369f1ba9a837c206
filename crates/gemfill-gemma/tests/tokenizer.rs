//! The tokenizer built from the real Gemma 3 270M checkpoint's vocabulary reproduces the
//! ids of the reference tokenizer (docs/gemma.md, "The tokenizer" and "Reference values": a port of
//! llama.cpp's SentencePiece tokenizer, and transformers 5.23's converter, agreed on all
//! of these).

use gemfill_gemma::GemmaTokenizer;
use gemfill_gguf::GgufFile;

#[path = "common/checkpoint.rs"]
mod checkpoint;

fn tokenizer() -> Option<GemmaTokenizer> {
    let path = checkpoint::gemma3_270m_or_skip()?;
    Some(GemmaTokenizer::from_gguf(&GgufFile::open(&path).unwrap()).unwrap())
}

#[test]
fn ids_match_the_reference_tokenizer() {
    let Some(tokenizer) = tokenizer() else {
        return;
    };
    let cases: &[(&str, &[u32])] = &[
        ("The capital of France is", &[818, 5279, 529, 7001, 563]),
        (
            "def fibonacci(n):",
            &[2063, 10779, 78113, 236769, 236749, 1473],
        ),
        (
            "Hello, world! naïve café 東京 🤖",
            &[
                9259, 236764, 1902, 236888, 120362, 33443, 86459, 236743, 246143,
            ],
        ),
        (
            "  leading spaces and   runs",
            &[138, 26016, 9952, 532, 139, 85817],
        ),
        (
            "x=1;y=2\tz",
            &[
                236781, 236784, 236770, 236793, 236762, 236784, 236778, 255968, 236802,
            ],
        ),
        ("ünïcödé ẞ", &[5701, 238527, 236755, 55515, 236859, 65894]),
        (
            "12345678 3.14159",
            &[
                236770, 236778, 236800, 236812, 236810, 236825, 236832, 236828, 236743, 236800,
                236761, 236770, 236812, 236770, 236810, 236819,
            ],
        ),
        ("<b>bold</b>", &[200, 15640, 209]),
        (
            "<start_of_turn>user\nWrite a haiku.<end_of_turn>\n<start_of_turn>model\n",
            &[
                105, 2364, 107, 6974, 496, 678, 20517, 236761, 106, 107, 105, 4368, 107,
            ],
        ),
        // Computed with the port of llama.cpp's tokenizer (docs/gemma.md, "Reference
        // values") on this file.
        (
            r#"concat(token(x, Word, -1), ", ", sub(x, 0, 1), ".")"#,
            &[
                28646, 236769, 1114, 236769, 236781, 236764, 11685, 236764, 753, 236770, 779, 7553,
                7553, 1159, 236769, 236781, 236764, 236743, 236771, 236764, 236743, 236770, 779,
                222035,
            ],
        ),
        (
            "Input: John Smith\nOutput: Smith, J.\n",
            &[
                4661, 236787, 3415, 8943, 107, 8433, 236787, 8943, 236764, 730, 236761, 107,
            ],
        ),
        (
            "a  b   c    d",
            &[236746, 138, 236763, 139, 236755, 140, 236753],
        ),
        (
            "tab\t\tx l'été",
            &[4823, 255969, 236781, 537, 236789, 19932],
        ),
    ];
    for &(text, expected) in cases {
        let ids = tokenizer.encode(text).unwrap();
        assert_eq!(ids[0], 2, "{text:?} must start with <bos>");
        assert_eq!(&ids[1..], expected, "{text:?}");
    }
}

#[test]
fn pieces_and_decoding_follow_sentencepiece() {
    let Some(tokenizer) = tokenizer() else {
        return;
    };
    let ids = tokenizer.encode("The capital of France is").unwrap();
    let pieces: Vec<String> = ids.iter().map(|&id| tokenizer.piece(id).unwrap()).collect();
    assert_eq!(
        pieces,
        ["<bos>", "The", "▁capital", "▁of", "▁France", "▁is"]
    );
    assert_eq!(tokenizer.vocab_size(), 262_144);
    assert_eq!((tokenizer.bos_id(), tokenizer.eos_id()), (2, 1));
    // The reference's 12 greedy tokens after "The capital of France is".
    let continuation = [
        506, 5279, 529, 506, 2891, 529, 7001, 236761, 1030, 563, 506, 7488,
    ];
    assert_eq!(
        tokenizer.decode(&continuation).unwrap(),
        " the capital of the country of France. It is the largest"
    );
    // Byte fallback: a character outside the vocabulary round-trips through <0xNN>.
    let text = "a\u{10FFFD}b";
    let ids = tokenizer.encode(text).unwrap();
    assert!(
        ids.iter()
            .any(|&id| tokenizer.piece(id).unwrap().starts_with("<0x")),
        "{ids:?}"
    );
    assert_eq!(tokenizer.decode(&ids).unwrap(), text);
}
