//! The inputs of evdev's ('E') write requests whose argument is a struct
//! or an array, as strace 6.1's evdev.c and evdev_mpers.c print them at
//! entry: EVIOCSKEYCODE (`[scancode, KEY_*]`), EVIOCSKEYCODE_V2 (`struct
//! input_keymap_entry`), EVIOCSFF (`struct ff_effect`, its union member
//! chosen by the effect's type) and EVIOCSABS(n) (`struct input_absinfo`,
//! however long the request number says it is). Without `-v` strace cuts
//! the three structs short after their first fields, with `...`.

use super::ioctl::read;
use super::{addr, Ctx, Out};
use crate::memory::read_exact;
use crate::xlat;
use serde_json::{json, Map, Value};

/// `struct input_absinfo` up to `flat` (the size of its first version) and
/// in full (with `resolution`).
const ABSINFO_OLD: usize = 20;
const ABSINFO: usize = 24;

/// A struct's fields, text and JSON side by side.
struct Fields {
    text: Vec<String>,
    json: Map<String, Value>,
}

impl Fields {
    fn new() -> Self {
        Fields {
            text: Vec::new(),
            json: Map::new(),
        }
    }

    fn put(&mut self, name: &str, (t, j): (String, Value)) {
        self.text.push(format!("{name}={t}"));
        self.json.insert(name.to_string(), j);
    }

    fn num(&mut self, name: &str, n: impl std::fmt::Display + Into<Value> + Copy) {
        self.put(name, (n.to_string(), n.into()));
    }

    fn more(&mut self) {
        self.text.push("...".into());
    }

    fn done(self) -> (String, Value) {
        (
            format!("{{{}}}", self.text.join(", ")),
            Value::Object(self.json),
        )
    }

    fn finish(self) -> Out {
        let (t, j) = self.done();
        (t, Some(j))
    }
}

fn u16_at(b: &[u8], i: usize) -> u16 {
    u16::from_ne_bytes([b[i], b[i + 1]])
}

fn i16_at(b: &[u8], i: usize) -> i16 {
    u16_at(b, i) as i16
}

fn u32_at(b: &[u8], i: usize) -> u32 {
    u32::from_ne_bytes(b[i..i + 4].try_into().unwrap())
}

fn keycode(k: u32) -> (String, Value) {
    let t = &xlat::EVDEV_KEYCODE;
    (t.format_enum(k as u64), t.enum_json(k as u64))
}

/// EVIOCSKEYCODE's `unsigned int[2]`: the scancode, then the key.
pub(super) fn keycode_pair(ctx: &Ctx, v: u64) -> Out {
    match read::<8>(ctx, v) {
        Ok(b) => {
            let (kt, kj) = keycode(u32_at(&b, 4));
            let sc = u32_at(&b, 0);
            (format!("[{sc}, {kt}]"), Some(json!([sc, kj])))
        }
        Err(o) => o,
    }
}

/// EVIOCSKEYCODE_V2's `struct input_keymap_entry` (flags 0, len 1,
/// index 2, keycode 4, scancode[32] 8).
pub(super) fn keymap_entry(ctx: &Ctx, v: u64) -> Out {
    let b = match read::<40>(ctx, v) {
        Ok(b) => b,
        Err(o) => return o,
    };
    let mut f = Fields::new();
    f.num("flags", b[0]);
    f.num("len", b[1]);
    if !ctx.opts.verbose {
        f.more();
        return f.finish();
    }
    f.num("index", u16_at(&b, 2));
    f.put("keycode", keycode(u32_at(&b, 4)));
    let sc = &b[8..40];
    let text: Vec<String> = sc.iter().map(|&x| xlat::hex(x as u64)).collect();
    f.put(
        "scancode",
        (format!("[{}]", text.join(", ")), json!(sc.to_vec())),
    );
    f.finish()
}

/// EVIOCSABS(n)'s `struct input_absinfo`, `size` bytes long by the
/// request number: strace prints the address when it is shorter than the
/// first version, the fields it holds, and `...` for any bytes past them.
/// Its fields are `__s32` that strace prints unsigned.
pub(super) fn absinfo(ctx: &Ctx, v: u64, size: usize) -> Out {
    if size < ABSINFO_OLD {
        return (addr(v), None);
    }
    if v == 0 {
        return ("NULL".into(), None);
    }
    let mut b = [0u8; ABSINFO];
    let n = size.min(ABSINFO);
    if !read_exact(ctx.mem, v, &mut b[..n]) {
        return (addr(v), None);
    }
    let mut f = Fields::new();
    f.num("value", u32_at(&b, 0));
    f.num("minimum", u32_at(&b, 4));
    if !ctx.opts.verbose {
        f.more();
        return f.finish();
    }
    f.num("maximum", u32_at(&b, 8));
    f.num("fuzz", u32_at(&b, 12));
    f.num("flat", u32_at(&b, 16));
    if size > ABSINFO_OLD {
        if size >= ABSINFO {
            f.num("resolution", u32_at(&b, 20));
        }
        if size != ABSINFO {
            f.more();
        }
    }
    f.finish()
}

/// `struct ff_envelope` at `i`: attack_length, attack_level, fade_length,
/// fade_level (the last in hex, as strace prints it).
fn envelope(b: &[u8], i: usize) -> (String, Value) {
    let mut f = Fields::new();
    f.num("attack_length", u16_at(b, i));
    f.num("attack_level", u16_at(b, i + 2));
    f.num("fade_length", u16_at(b, i + 4));
    let fade = u16_at(b, i + 6);
    f.put("fade_level", (xlat::hex(fade as u64), json!(fade)));
    f.done()
}

/// Two `__u16` fields at `i` as a struct.
fn pair(b: &[u8], i: usize, a: &str, z: &str) -> (String, Value) {
    let mut f = Fields::new();
    f.num(a, u16_at(b, i));
    f.num(z, u16_at(b, i + 2));
    f.done()
}

const FF_RUMBLE: u16 = 0x50;
const FF_PERIODIC: u16 = 0x51;
const FF_CONSTANT: u16 = 0x52;
const FF_RAMP: u16 = 0x57;

/// EVIOCSFF's `struct ff_effect` (x86_64: type 0, id 2, direction 4,
/// trigger 6, replay 10, the union at 16; 48 bytes). strace prints the
/// union as the member the type names, and no member for other types
/// (the conditions of FF_SPRING and the like included).
pub(super) fn ff_effect(ctx: &Ctx, v: u64) -> Out {
    let b = match read::<48>(ctx, v) {
        Ok(b) => b,
        Err(o) => return o,
    };
    let ty = u16_at(&b, 0);
    let t = &xlat::EVDEV_FF_TYPES;
    let mut f = Fields::new();
    f.put("type", (t.format_enum(ty as u64), t.enum_json(ty as u64)));
    f.num("id", i16_at(&b, 2));
    f.num("direction", u16_at(&b, 4));
    if !ctx.opts.verbose {
        f.more();
        return f.finish();
    }
    f.put("trigger", pair(&b, 6, "button", "interval"));
    f.put("replay", pair(&b, 10, "length", "delay"));
    const U: usize = 16;
    match ty {
        FF_CONSTANT => {
            let mut u = Fields::new();
            u.num("level", i16_at(&b, U));
            u.put("envelope", envelope(&b, U + 2));
            f.put("constant", u.done());
        }
        FF_RAMP => {
            let mut u = Fields::new();
            u.num("start_level", i16_at(&b, U));
            u.num("end_level", i16_at(&b, U + 2));
            u.put("envelope", envelope(&b, U + 4));
            f.put("ramp", u.done());
        }
        FF_PERIODIC => {
            let mut u = Fields::new();
            u.num("waveform", u16_at(&b, U));
            u.num("period", u16_at(&b, U + 2));
            u.num("magnitude", i16_at(&b, U + 4));
            u.num("offset", i16_at(&b, U + 6));
            u.num("phase", u16_at(&b, U + 8));
            u.put("envelope", envelope(&b, U + 10));
            u.num("custom_len", u32_at(&b, U + 20));
            let p = u64::from_ne_bytes(b[U + 24..U + 32].try_into().unwrap());
            u.put("custom_data", (addr(p), json!(p)));
            f.put("periodic", u.done());
        }
        FF_RUMBLE => f.put("rumble", pair(&b, U, "strong_magnitude", "weak_magnitude")),
        _ => {}
    }
    f.finish()
}
