//! The CPU and memory combinations Fargate accepts.

/// (cpu units, memory MiB range, memory step).
const SIZES: &[(i64, i64, i64, i64)] = &[
    (256, 512, 2048, 0),
    (512, 1024, 4096, 1024),
    (1024, 2048, 8192, 1024),
    (2048, 4096, 16384, 1024),
    (4096, 8192, 30720, 1024),
    (8192, 16384, 61440, 4096),
    (16384, 32768, 122880, 8192),
];

pub const CPU_VALUES: &[i64] = &[256, 512, 1024, 2048, 4096, 8192, 16384];

/// The memory values Fargate accepts for `cpu`, or None for an unknown cpu.
pub fn memory_for(cpu: i64) -> Option<Vec<i64>> {
    let (_, min, max, step) = *SIZES.iter().find(|s| s.0 == cpu)?;
    Some(if cpu == 256 {
        vec![512, 1024, 2048]
    } else {
        (min..=max).step_by(step as usize).collect()
    })
}

/// Why (cpu, memory) is not a Fargate size, if it is not.
pub fn size_problem(cpu: i64, memory: i64) -> Option<String> {
    let Some(allowed) = memory_for(cpu) else {
        return Some(format!(
            "cpu {cpu} is not a Fargate size; use one of {}",
            CPU_VALUES
                .iter()
                .map(|c| c.to_string())
                .collect::<Vec<_>>()
                .join(", ")
        ));
    };
    if allowed.contains(&memory) {
        return None;
    }
    let list = if allowed.len() <= 4 {
        allowed
            .iter()
            .map(|m| m.to_string())
            .collect::<Vec<_>>()
            .join(", ")
    } else {
        format!(
            "{} to {} in steps of {}",
            allowed[0],
            allowed[allowed.len() - 1],
            allowed[1] - allowed[0]
        )
    };
    Some(format!(
        "memory {memory} MiB does not fit cpu {cpu} on Fargate; with cpu {cpu} use {list}"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn valid_and_invalid_pairs() {
        assert_eq!(size_problem(256, 512), None);
        assert_eq!(size_problem(256, 2048), None);
        assert!(size_problem(256, 4096).unwrap().contains("512, 1024, 2048"));
        assert_eq!(size_problem(1024, 2048), None);
        assert_eq!(size_problem(1024, 8192), None);
        assert!(size_problem(1024, 1024).is_some());
        assert_eq!(size_problem(8192, 20480), None);
        assert!(size_problem(8192, 18432).is_some());
        assert!(
            size_problem(300, 512)
                .unwrap()
                .contains("not a Fargate size")
        );
        assert!(
            size_problem(512, 512)
                .unwrap()
                .contains("use 1024, 2048, 3072, 4096")
        );
        assert!(
            size_problem(1024, 1024)
                .unwrap()
                .contains("2048 to 8192 in steps of 1024")
        );
    }
}
