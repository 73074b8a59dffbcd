//! Small valid files for the tests of the readers (`.npy` files and `strategies` instances):
//! a builder and the seeds that mutation tests start from.

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

/// Valid `strategies` instances: nulls, capacities, every strategy by name, gains at the
/// ends of their range.
pub fn valid_instances() -> Vec<Vec<u8>> {
    [
        r#"{"junior_gain": [[0.9, 0.4, null], [0.5, 0.5, 0.2]],
            "senior_gain": [[0.1, 0.4, null], [0.5, 0.5, 0.7]], "seed": 7, "top_k": 2}"#,
        r#"{"junior_gain": [[1, 2], [3, 4]], "senior_gain": [[4, 3], [2, 1]],
            "strategies": ["utilitarian", "nash"], "junior_capacity": [2, 0],
            "senior_capacity": 3}"#,
        r#"{"junior_gain": [[0]], "senior_gain": [[1e100]]}"#,
        r#"{"junior_gain": [[1e100, 5e-324, 0], [1e-3, 1e15, null], [0.5, 0.5, 0.5]],
            "senior_gain": [[1e100, 1e100, 1e100], [0, 1e-300, 1], [0.25, 0.5, 0.75]],
            "strategies": ["leximin", "bottleneck", "nash", "utilitarian", "greedy",
                           "deferred_acceptance_juniors", "deferred_acceptance_seniors",
                           "egalitarian_stable", "minimum_regret_stable",
                           "random_serial_dictatorship", "random"],
            "seed": 18446744073709551615, "top_k": 18446744073709551615}"#,
        r#"{"junior_gain": [[1, 1]], "senior_gain": [[1, 1]], "junior_capacity": 4294967295,
            "senior_capacity": [4294967295, 1]}"#,
    ]
    .map(|s| s.as_bytes().to_vec())
    .to_vec()
}
