//! What the report crate's tests share: a tiny well-formedness checker for the SVG it writes,
//! and ways to pick parts of a drawing out by class.
//!
//! The checker is deliberately strict and small rather than a full XML parser: the drawings
//! use no comments, no CDATA, no processing instructions and only double-quoted attributes, so
//! anything of those is an error too.

#![allow(dead_code)] // each test file uses a part

/// The attributes whose values are numbers or path data: they may hold only digits, signs,
/// points, separators and path commands, so no `NaN` or `inf` can hide in them.
const NUMERIC: &[&str] = &[
    "x",
    "y",
    "x1",
    "x2",
    "y1",
    "y2",
    "cx",
    "cy",
    "r",
    "rx",
    "width",
    "height",
    "font-size",
    "stroke-width",
    "stroke-dasharray",
    "d",
    "viewBox",
];

/// Checks that `svg` is one well-formed `<svg>` element: balanced tags, quoted attributes
/// without duplicates, entities only where escaped, no character XML forbids, finite numbers,
/// and the frame every drawing has (`viewBox`, `role="img"`, `<title>` and `<desc>` first, no
/// fixed pixel size).
pub fn check_svg(svg: &str) -> Result<(), String> {
    if !svg.starts_with("<svg ") || !svg.ends_with("</svg>") {
        return Err("not one <svg> element".into());
    }
    for c in svg.chars() {
        let ok = matches!(c, '\t' | '\n' | '\r')
            || !(c.is_control() || c == '\u{FFFE}' || c == '\u{FFFF}');
        if !ok {
            return Err(format!("character XML forbids: {:?}", c));
        }
    }
    let bytes = svg.as_bytes();
    let mut stack: Vec<String> = Vec::new();
    let mut i = 0;
    let mut closed_root = false;
    let mut first_children: Vec<String> = Vec::new();
    while i < bytes.len() {
        if closed_root {
            return Err(format!("content after the root at {i}"));
        }
        if bytes[i] != b'<' {
            // Text: up to the next tag.
            let end = svg[i..].find('<').map_or(svg.len(), |p| i + p);
            check_text(&svg[i..end])?;
            if stack.is_empty() {
                return Err(format!("text outside the root at {i}"));
            }
            i = end;
            continue;
        }
        let end = svg[i..]
            .find('>')
            .map(|p| i + p)
            .ok_or_else(|| format!("unclosed tag at {i}"))?;
        let tag = &svg[i + 1..end];
        if let Some(name) = tag.strip_prefix('/') {
            let open = stack
                .pop()
                .ok_or_else(|| format!("</{name}> closes nothing"))?;
            if open != name {
                return Err(format!("<{open}> closed by </{name}>"));
            }
            if stack.is_empty() {
                closed_root = true;
            }
            i = end + 1;
            continue;
        }
        if tag.starts_with('!') || tag.starts_with('?') {
            return Err(format!("unexpected markup <{tag}>"));
        }
        let (tag, self_closing) = match tag.strip_suffix('/') {
            Some(t) => (t, true),
            None => (tag, false),
        };
        let name_end = tag.find(char::is_whitespace).unwrap_or(tag.len());
        let name = &tag[..name_end];
        if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
            return Err(format!("bad element name {name:?}"));
        }
        let attrs = parse_attrs(&tag[name_end..])?;
        if stack.is_empty() && !first_children.is_empty() {
            return Err("a second root".into());
        }
        if stack.len() == 1 {
            first_children.push(name.to_owned());
        }
        if stack.is_empty() {
            check_root(&attrs)?;
        }
        if !self_closing {
            stack.push(name.to_owned());
        } else if stack.is_empty() {
            return Err("self-closed root".into());
        }
        i = end + 1;
    }
    if !stack.is_empty() {
        return Err(format!("unclosed: {stack:?}"));
    }
    if first_children.first().map(String::as_str) != Some("title")
        || first_children.get(1).map(String::as_str) != Some("desc")
    {
        return Err(format!(
            "the root must open with <title> and <desc>: {first_children:?}"
        ));
    }
    Ok(())
}

fn check_root(attrs: &[(String, String)]) -> Result<(), String> {
    let get = |n: &str| attrs.iter().find(|(k, _)| k == n).map(|(_, v)| v.as_str());
    if get("xmlns") != Some("http://www.w3.org/2000/svg") {
        return Err("no SVG namespace".into());
    }
    let vb = get("viewBox").ok_or("no viewBox")?;
    let nums: Vec<f64> = vb.split(' ').filter_map(|n| n.parse().ok()).collect();
    if nums.len() != 4 || nums[2] <= 0.0 || nums[3] <= 0.0 {
        return Err(format!("bad viewBox {vb:?}"));
    }
    if get("role") != Some("img") {
        return Err("no role=\"img\"".into());
    }
    if get("width") != Some("100%") || get("height").is_some() {
        return Err("the root must scale: width=\"100%\" and no height".into());
    }
    Ok(())
}

fn parse_attrs(mut s: &str) -> Result<Vec<(String, String)>, String> {
    let mut out: Vec<(String, String)> = Vec::new();
    loop {
        s = s.trim_start();
        if s.is_empty() {
            return Ok(out);
        }
        let eq = s
            .find('=')
            .ok_or_else(|| format!("attribute without value: {s:?}"))?;
        let name = &s[..eq];
        if name.is_empty()
            || !name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == ':')
        {
            return Err(format!("bad attribute name {name:?}"));
        }
        let rest = &s[eq + 1..];
        let rest = rest
            .strip_prefix('"')
            .ok_or_else(|| format!("unquoted value of {name}"))?;
        let close = rest
            .find('"')
            .ok_or_else(|| format!("unterminated value of {name}"))?;
        let value = &rest[..close];
        if value.contains('<') {
            return Err(format!("< in the value of {name}"));
        }
        check_text(value)?;
        if NUMERIC.contains(&name) {
            let ok = value
                .chars()
                .all(|c| c.is_ascii_digit() || " .,-MLZ%".contains(c));
            if !ok {
                return Err(format!("{name}={value:?} is not a plain number"));
            }
        }
        if out.iter().any(|(k, _)| k == name) {
            return Err(format!("duplicate attribute {name}"));
        }
        out.push((name.to_owned(), value.to_owned()));
        s = &rest[close + 1..];
        if !s.is_empty() && !s.starts_with(char::is_whitespace) {
            return Err(format!("no space after the value of {name}"));
        }
    }
}

/// Text and attribute values: every `&` starts an entity, and no `>` is left bare.
fn check_text(t: &str) -> Result<(), String> {
    if t.contains('>') {
        return Err(format!("bare > in {t:?}"));
    }
    let mut rest = t;
    while let Some(p) = rest.find('&') {
        let after = &rest[p + 1..];
        let ok = ["amp;", "lt;", "gt;", "quot;", "#39;"]
            .iter()
            .any(|e| after.starts_with(e));
        if !ok {
            return Err(format!("bare & in {t:?}"));
        }
        rest = after;
    }
    Ok(())
}

/// The contents of every `<g>` whose class attribute is exactly `class` (and, if `class`
/// goes on with more attributes, those too), in document order, inner groups included.
pub fn groups<'a>(svg: &'a str, class: &str) -> Vec<&'a str> {
    let open = format!("<g class=\"{class}\"");
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(p) = svg[from..].find(&open) {
        let start = from + p;
        let body_start = start + svg[start..].find('>').map_or(0, |q| q + 1);
        // The matching </g>: count the groups opened and closed after this one.
        let mut depth = 1;
        let mut at = body_start;
        let mut end = svg.len();
        while let Some(q) = svg[at..].find("<g") {
            let next_close = svg[at..].find("</g>").map(|c| at + c);
            let next_open = at + q;
            match next_close {
                Some(c) if c < next_open => {
                    depth -= 1;
                    if depth == 0 {
                        end = c;
                        break;
                    }
                    at = c + 4;
                }
                _ => {
                    depth += 1;
                    at = next_open + 2;
                }
            }
        }
        if depth > 0 {
            // No group opens after the last close: walk the remaining closes.
            while let Some(c) = svg[at..].find("</g>").map(|c| at + c) {
                depth -= 1;
                if depth == 0 {
                    end = c;
                    break;
                }
                at = c + 4;
            }
        }
        out.push(&svg[body_start..end]);
        from = start + 1;
    }
    out
}

/// Every coordinate the drawing writes (`x`, `y`, `cx`, `cy`, the ends of lines and the
/// points of paths) that lies outside its `viewBox` by more than `margin`.
pub fn outside_view_box(svg: &str, margin: f64) -> Vec<String> {
    let view: Vec<f64> = between(svg, "viewBox=\"", "\"")
        .split(' ')
        .filter_map(|n| n.parse().ok())
        .collect();
    let (w, h) = match view.as_slice() {
        [_, _, w, h] => (*w, *h),
        _ => return vec!["no viewBox".into()],
    };
    let inside = |v: f64, max: f64| v >= -margin && v <= max + margin;
    let mut out = Vec::new();
    for (name, max) in [
        ("x", w),
        ("x1", w),
        ("x2", w),
        ("cx", w),
        ("y", h),
        ("y1", h),
        ("y2", h),
        ("cy", h),
    ] {
        let key = format!(" {name}=\"");
        for part in svg.split(&key).skip(1) {
            let v: f64 = part
                .split('"')
                .next()
                .and_then(|n| n.parse().ok())
                .unwrap_or(0.0);
            if !inside(v, max) {
                out.push(format!("{name}={v}"));
            }
        }
    }
    for part in svg.split(" d=\"").skip(1) {
        let d = part.split('"').next().unwrap_or("");
        for point in d.split(['M', 'L', 'Z', ' ']).filter(|p| !p.is_empty()) {
            if let Some((x, y)) = point.split_once(',') {
                let (x, y): (f64, f64) = (x.parse().unwrap_or(0.0), y.parse().unwrap_or(0.0));
                if !inside(x, w) || !inside(y, h) {
                    out.push(format!("d point {point}"));
                }
            }
        }
    }
    out
}

/// How many times `needle` occurs in `haystack`.
pub fn count(haystack: &str, needle: &str) -> usize {
    haystack.matches(needle).count()
}

/// The text between `<title>` and `</title>` of the whole drawing.
pub fn title(svg: &str) -> &str {
    between(svg, "<title>", "</title>")
}

/// The text of the drawing's `<desc>`.
pub fn desc(svg: &str) -> &str {
    between(svg, "<desc>", "</desc>")
}

fn between<'a>(s: &'a str, a: &str, b: &str) -> &'a str {
    let Some(start) = s.find(a).map(|p| p + a.len()) else {
        return "";
    };
    let end = s[start..].find(b).map_or(s.len(), |p| start + p);
    &s[start..end]
}

/// The value of attribute `name` in the first element of `fragment` that has it.
pub fn attr(fragment: &str, name: &str) -> Option<f64> {
    let key = format!(" {name}=\"");
    let p = fragment.find(&key)? + key.len();
    let end = fragment[p..].find('"')? + p;
    fragment[p..end].parse().ok()
}

#[test]
fn the_checker_refuses_what_is_not_well_formed() {
    let ok = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 10 10\" width=\"100%\" role=\"img\"><title>t</title><desc>d</desc><g><path d=\"M1,2 L3,4\"/></g></svg>";
    assert_eq!(check_svg(ok), Ok(()));
    for bad in [
        ok.replace("<g>", "<g><g>"),
        ok.replace("M1,2", "MNaN,2"),
        ok.replace("<desc>d", "<desc>a<b"),
        ok.replace("<desc>d", "<desc>a&b"),
        ok.replace("<title>t</title><desc>d</desc>", ""),
        ok.replace("viewBox=\"0 0 10 10\"", ""),
        ok.replace("width=\"100%\"", "width=\"480\""),
        ok.replace("<g>", "<g class=\"a\" class=\"b\">"),
        ok.replace("<desc>d", "<desc>\u{1}"),
    ] {
        assert!(check_svg(&bad).is_err(), "{bad}");
    }
}
