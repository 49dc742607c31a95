//! The ZIP package of an xlsx or docx file, read part by part within fixed bounds.
//!
//! An Office file is a ZIP archive of XML parts. A hostile one can claim small parts that
//! inflate to gigabytes (a ZIP bomb), or hold millions of tiny cells. So every part is
//! inflated through a reader that stops one byte past [`MAX_PART`], whatever size the archive
//! declares, and the readers count the cells they keep against [`MAX_CELLS`]: memory stays
//! bounded by these limits, never by what the file claims.
//!
//! Also here: the few XML helpers both readers share (an element's local name, an attribute
//! by local name, the text of a text event), so that `w:t`, `t` and a prefix other than the
//! usual one read alike.

use std::io::{Cursor, Read};

use quick_xml::events::{BytesRef, BytesStart, BytesText};
use quick_xml::XmlVersion;
use zip::ZipArchive;

use super::refuse;
use crate::extract::ExtractError;

/// The most bytes one part may inflate to (64 MiB): a worksheet of a few hundred thousand
/// cells, or a Word document of thousands of pages, is far below it.
pub const MAX_PART: u64 = 64 << 20;

/// The most cells a workbook or a document may yield (one million); a plan's tables hold
/// thousands.
pub const MAX_CELLS: usize = 1_000_000;

/// An opened package.
pub struct Package<'a> {
    zip: ZipArchive<Cursor<&'a [u8]>>,
    file: &'a str,
    /// `xlsx` or `docx`, for messages.
    form: &'static str,
}

impl std::fmt::Debug for Package<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Package")
            .field("file", &self.file)
            .field("form", &self.form)
            .field("parts", &self.zip.len())
            .finish()
    }
}

/// True when `bytes` are a ZIP archive holding a part named `name` (how a docx or an xlsx is
/// told apart from other ZIP files, by content rather than by file name).
pub fn holds(bytes: &[u8], name: &str) -> bool {
    bytes.starts_with(b"PK")
        && ZipArchive::new(Cursor::new(bytes)).is_ok_and(|z| z.index_for_name(name).is_some())
}

impl<'a> Package<'a> {
    /// Opens the archive, or refuses it as a damaged `form` file.
    pub fn open(bytes: &'a [u8], file: &'a str, form: &'static str) -> Result<Self, ExtractError> {
        let zip = ZipArchive::new(Cursor::new(bytes)).map_err(|e| {
            refuse(
                file,
                format!("{form} ファイルとして開けません（ZIP として壊れています: {e}）。保存し直してください"),
                format!("cannot open this as an {form} file (a damaged ZIP archive: {e}); save it again"),
            )
        })?;
        Ok(Package { zip, file, form })
    }

    /// The part `name` inflated, or `None` when the package has no such part. Refuses a part
    /// that inflates past [`MAX_PART`], or that cannot be inflated (encrypted, an unsupported
    /// compression, damaged).
    pub fn part(&mut self, name: &str) -> Result<Option<Vec<u8>>, ExtractError> {
        let (file, form) = (self.file, self.form);
        let unreadable = |e: &dyn std::fmt::Display| {
            refuse(
                file,
                format!("{form} の部品 {name} を読めません（{e}）。保存し直してください"),
                format!("cannot read the part {name} of this {form} file ({e}); save it again"),
            )
        };
        let Some(index) = self.zip.index_for_name(name) else {
            return Ok(None);
        };
        let entry = self.zip.by_index(index).map_err(|e| unreadable(&e))?;
        let mut out = Vec::with_capacity(entry.size().min(1 << 20) as usize);
        entry
            .take(MAX_PART + 1)
            .read_to_end(&mut out)
            .map_err(|e| unreadable(&e))?;
        if out.len() as u64 > MAX_PART {
            return Err(refuse(
                file,
                format!(
                    "{form} の部品 {name} が展開すると {} MiB を超えます（ZIP 爆弾か、大きすぎるファイル）。\
                     表の部分だけを別のファイルに保存してください",
                    MAX_PART >> 20
                ),
                format!(
                    "the part {name} of this {form} file inflates past {} MiB (a ZIP bomb, or a file \
                     too large); save only the tables in a file of their own",
                    MAX_PART >> 20
                ),
            ));
        }
        Ok(Some(out))
    }

    /// The refusal of a document past [`MAX_CELLS`].
    pub fn too_many_cells(&self) -> ExtractError {
        too_many_cells(self.file, self.form)
    }

    /// The refusal of a part that is not well-formed XML.
    pub fn bad_xml(&self, name: &str, e: &dyn std::fmt::Display) -> ExtractError {
        let (file, form) = (self.file, self.form);
        refuse(
            file,
            format!("{form} の部品 {name} が XML として壊れています（{e}）。保存し直してください"),
            format!(
                "the part {name} of this {form} file is not well-formed XML ({e}); save it again"
            ),
        )
    }
}

/// The refusal of a document with more than [`MAX_CELLS`] cells.
pub fn too_many_cells(file: &str, form: &str) -> ExtractError {
    refuse(
        file,
        format!(
            "{form} のセルが {MAX_CELLS} を超えます。計画の表だけを別のファイルに保存してください"
        ),
        format!(
            "this {form} has more than {MAX_CELLS} cells; save only the plan's tables in a file \
             of their own"
        ),
    )
}

/// An element's name without its namespace prefix (`t` for `w:t`).
pub fn local<'a>(e: &'a BytesStart<'_>) -> &'a str {
    e.local_name().into_inner()
}

/// The value of the attribute whose local name is `name` (`val` for `w:val`), unescaped.
pub fn attr(e: &BytesStart<'_>, name: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == name)
        .and_then(|a| {
            a.normalized_value(XmlVersion::Implicit1_0)
                .ok()
                .map(|v| v.into_owned())
        })
}

/// The text of a text event.
pub fn text(t: &BytesText<'_>) -> String {
    t.xml10_content().into_owned()
}

/// The character an entity reference stands for (`&amp;`, `&#x3042;`); an unknown one is kept
/// as written.
pub fn reference(r: &BytesRef<'_>) -> String {
    if let Ok(Some(c)) = r.resolve_char_ref() {
        return c.to_string();
    }
    let name: &str = r;
    match quick_xml::escape::resolve_predefined_entity(name) {
        Some(s) => s.to_owned(),
        None => format!("&{name};"),
    }
}
