//! The inputs of evdev's ('E') write requests whose argument is a struct
//! or an array, as strace 6.1's evdev.c and evdev_mpers.c print them at
//! entry: EVIOCSKEYCODE (`[scancode, KEY_*]`), EVIOCSKEYCODE_V2 (`struct
//! input_keymap_entry`), EVIOCSFF (`struct ff_effect`, its union member
//! chosen by the effect's type) and EVIOCSABS(n) (`struct input_absinfo`,
//! however long the request number says it is). Without `-v` strace cuts
//! the three structs short after their first fields, with `...`.

use super::ioctl::read;
use super::time::Fields as Bytes;
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

fn keycode(k: u32) -> (String, Value) {
    let t = &xlat::EVDEV_KEYCODE;
    (t.format_enum(k as u64), t.enum_json(k as u64))
}

/// EVIOCSKEYCODE's `unsigned int[2]`: the scancode, then the key.
pub(super) fn keycode_pair(ctx: &Ctx, v: u64) -> Out {
    match read::<8>(ctx, v) {
        Ok(b) => {
            let (kt, kj) = keycode(Bytes(&b).u32(4));
            let sc = Bytes(&b).u32(0);
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
    f.num("index", Bytes(&b).u16(2));
    f.put("keycode", keycode(Bytes(&b).u32(4)));
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
    f.num("value", Bytes(&b).u32(0));
    f.num("minimum", Bytes(&b).u32(4));
    if !ctx.opts.verbose {
        f.more();
        return f.finish();
    }
    f.num("maximum", Bytes(&b).u32(8));
    f.num("fuzz", Bytes(&b).u32(12));
    f.num("flat", Bytes(&b).u32(16));
    if size > ABSINFO_OLD {
        if size >= ABSINFO {
            f.num("resolution", Bytes(&b).u32(20));
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
    f.num("attack_length", Bytes(b).u16(i));
    f.num("attack_level", Bytes(b).u16(i + 2));
    f.num("fade_length", Bytes(b).u16(i + 4));
    let fade = Bytes(b).u16(i + 6);
    f.put("fade_level", (xlat::hex(fade as u64), json!(fade)));
    f.done()
}

/// Two `__u16` fields at `i` as a struct.
fn pair(b: &[u8], i: usize, a: &str, z: &str) -> (String, Value) {
    let mut f = Fields::new();
    f.num(a, Bytes(b).u16(i));
    f.num(z, Bytes(b).u16(i + 2));
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
    let ty = Bytes(&b).u16(0);
    let t = &xlat::EVDEV_FF_TYPES;
    let mut f = Fields::new();
    f.put("type", (t.format_enum(ty as u64), t.enum_json(ty as u64)));
    f.num("id", Bytes(&b).u16(2) as i16);
    f.num("direction", Bytes(&b).u16(4));
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
            u.num("level", Bytes(&b).u16(U) as i16);
            u.put("envelope", envelope(&b, U + 2));
            f.put("constant", u.done());
        }
        FF_RAMP => {
            let mut u = Fields::new();
            u.num("start_level", Bytes(&b).u16(U) as i16);
            u.num("end_level", Bytes(&b).u16(U + 2) as i16);
            u.put("envelope", envelope(&b, U + 4));
            f.put("ramp", u.done());
        }
        FF_PERIODIC => {
            let mut u = Fields::new();
            u.num("waveform", Bytes(&b).u16(U));
            u.num("period", Bytes(&b).u16(U + 2));
            u.num("magnitude", Bytes(&b).u16(U + 4) as i16);
            u.num("offset", Bytes(&b).u16(U + 6) as i16);
            u.num("phase", Bytes(&b).u16(U + 8));
            u.put("envelope", envelope(&b, U + 10));
            u.num("custom_len", Bytes(&b).u32(U + 20));
            let p = u64::from_ne_bytes(b[U + 24..U + 32].try_into().unwrap());
            u.put("custom_data", (addr(p), json!(p)));
            f.put("periodic", u.done());
        }
        FF_RUMBLE => f.put("rumble", pair(&b, U, "strong_magnitude", "weak_magnitude")),
        _ => {}
    }
    f.finish()
}
