//! Small `.npy` files for the tests of the readers: a builder and the valid seeds that
//! mutation tests start from.

/// A version 1.0 `.npy` file with `header` (the dictionary, without its newline) and `data`.
pub fn npy(header: &str, data: &[u8]) -> Vec<u8> {
    let text = format!("{header}\n");
    let mut file = b"\x93NUMPY\x01\x00".to_vec();
    file.extend(u16::try_from(text.len()).unwrap().to_le_bytes());
    file.extend(text.as_bytes());
    file.extend(data);
    file
}

/// A `.npy` header for a C-order array.
pub fn npy_header(descr: &str, shape: &str) -> String {
    format!("{{'descr': '{descr}', 'fortran_order': False, 'shape': {shape}, }}")
}

/// Valid `.npy` files: little-endian floats with a forbidden cell, big-endian Fortran-order
/// integers with `i64::MAX`, and an empty shape.
pub fn valid_npys() -> Vec<Vec<u8>> {
    let floats: Vec<u8> = [0.5f64, 1.0, f64::INFINITY, 2.0, 0.25, 3.0]
        .iter()
        .flat_map(|x| x.to_le_bytes())
        .collect();
    let ints: Vec<u8> = [3i64, -1, 7, i64::MAX]
        .iter()
        .flat_map(|x| x.to_be_bytes())
        .collect();
    vec![
        npy(&npy_header("<f8", "(2, 3)"), &floats),
        npy(
            "{'descr': '>i8', 'fortran_order': True, 'shape': (2, 2), }",
            &ints,
        ),
        npy(&npy_header("<f8", "(0, 5)"), &[]),
    ]
}
