//! Bytes classified 64 at a time into bit masks, for scans that look for
//! word edges: one bit a byte, whose runs and edges are found with
//! `trailing_zeros` rather than a branch a byte.

/// One bit a byte of `block` (up to 64 bytes), set where `class` holds.
/// With a class written as arithmetic and compares, the compiler classifies
/// bytes with vector compares; they are packed eight at a time by a
/// multiplication that gathers each byte's low bit into the top byte.
#[inline(always)]
pub fn byte_mask(block: &[u8], class: impl Fn(u8) -> bool) -> u64 {
    let mut flags = [0u8; 64];
    for (flag, &b) in flags.iter_mut().zip(block) {
        *flag = u8::from(class(b));
    }
    flags.chunks_exact(8).enumerate().fold(0, |mask, (k, eight)| {
        let eight = u64::from_le_bytes(eight.try_into().unwrap_or_default());
        mask | (eight.wrapping_mul(0x0102_0408_1020_4080) >> 56) << (8 * k)
    })
}

/// Where the first byte of `bytes` at or after `from` of `class` is,
/// looked for 64 bytes at a time.
#[inline(always)]
pub fn find_byte(bytes: &[u8], from: usize, class: impl Fn(u8) -> bool + Copy) -> Option<usize> {
    let mut base = from;
    while base < bytes.len() {
        let block = &bytes[base..(base + 64).min(bytes.len())];
        let mask = byte_mask(block, class);
        if mask != 0 {
            return Some(base + mask.trailing_zeros() as usize);
        }
        base += block.len();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_byte_gives_its_own_bit() {
        let block: Vec<u8> = (0..64u8)
            .map(|i| if i % 3 == 0 || i == 63 { b'x' } else { b' ' })
            .collect();
        let want = (0..64).filter(|i| i % 3 == 0 || *i == 63).fold(0u64, |m, i| m | 1 << i);
        assert_eq!(byte_mask(&block, |b| b == b'x'), want);
        assert_eq!(byte_mask(&block[..10], |b| b == b'x'), want & 0x3ff);
        assert_eq!(byte_mask(&[], |_| true), 0);
    }

    #[test]
    fn the_first_byte_of_a_class_is_found_past_any_number_of_blocks() {
        let is_x = |b: u8| b == b'x';
        for len in [0, 1, 63, 64, 65, 130] {
            for at in 0..len {
                let mut bytes = vec![b'.'; len];
                bytes[at] = b'x';
                for from in [0, at / 2, at] {
                    assert_eq!(find_byte(&bytes, from, is_x), Some(at), "{len} {at} {from}");
                }
                assert_eq!(find_byte(&bytes, at + 1, is_x), None);
            }
            assert_eq!(find_byte(&vec![b'.'; len], 0, is_x), None);
        }
    }
}
