#!/usr/bin/env bash
# Fills the fuzzers' starting corpora (fuzz/corpus/, gitignored):
#
# - corpus/extract/: the seed documents whole, and cut into pieces of at most 4 KB at line
#   ends, which the fuzzer mutates faster; and the text fixtures of published forms
#   (crates/import/tests/forms/), whole.
# - corpus/html/, corpus/xlsx/, corpus/docx/, corpus/pdf/: small pages, sheets, Word bodies and
#   pdftotext-like text written out below (the xlsx and docx targets read a first byte that
#   says which part the rest is: see their fuzz_targets/*.rs), and for pdf the seed documents.
# - corpus/actuals/: small Actuals CSVs written out below, valid and invalid, in the shapes
#   offices hand over (UTF-8 with and without BOM, Shift_JIS as Excel writes it, UTF-16LE,
#   Japanese headers, quoted multi-line notes, breakdowns, broken rows and headers).
set -euo pipefail
cd "$(dirname "$0")"
mkdir -p corpus/extract
for doc in ../examples/documents/*.txt; do
    name=$(basename "$doc" .txt)
    cp "$doc" "corpus/extract/$name.txt"
    split -C 4096 -d -a 3 "$doc" "corpus/extract/$name.part-"
done
# The corpus of published forms: every rendering the front end cuts (pipes, spaces, one cell
# per line, run-on, spaced-out and glued characters, flattened web tables), whole.
for doc in ../crates/import/tests/forms/*.txt ../crates/import/tests/forms/*.md; do
    cp "$doc" "corpus/extract/form-$(basename "$doc")"
done
echo "fuzz/corpus/extract: $(ls corpus/extract | wc -l) files"

mkdir -p corpus/actuals
# seed NAME FORMAT: writes printf FORMAT (escapes such as \xEF and \n expanded) to NAME.csv.
seed() { printf "$2" >"corpus/actuals/$1.csv"; }
# utf16le NAME TEXT: writes ASCII TEXT as UTF-16LE with its byte order mark.
utf16le() {
    local s=$2 i
    { printf '\xff\xfe'; for ((i = 0; i < ${#s}; i++)); do printf '%s\0' "${s:i:1}"; done; } \
        >"corpus/actuals/$1.csv"
}

# Valid files.
seed minimal 'plan,indicator,period,value\np,i,FY2023,1\n'
seed all-columns 'plan,indicator,period,value,status,as_of,source,note,breakdown\nyamaguchi-industry-2022,ind-1,FY2023,"1,234.5",final,2024-03-31,県統計,ok,性別=女性;地域=岩国\nyamaguchi-industry-2022,ind-1,CY2023,-5,provisional,2024-03,,,\n'
# UTF-8 with BOM, Japanese headers, CRLF, a quoted note over two lines, a breakdown,
# full-width digits, △ for minus, a milestone state and an empty value.
seed utf8-bom-japanese '\xef\xbb\xbf計画,指標,年度,実績値,状態,備考,内訳\r\nyamaguchi-industry-2022,企業誘致件数,令和5年度,"1,234",速報,"①速報値\r\n県調べ",性別=女性\r\nyamaguchi-industry-2022,県内就業率,R4,△12.5,確定,,\r\nyamaguchi-industry-2022,研修会の開催,2023年度,実施中,見込,,\r\nyamaguchi-industry-2022,女性の就業率,FY2024,１２３,,,"性別＝女性；地域＝岩国"\r\nyamaguchi-industry-2022,未定の指標,FY2025,-,,,\r\n'
seed utf8-no-bom '期間,値,指標,計画,時点,出典\n2023,42,市民協働,p,2024-03-31,資料\n\n,,,,,\nFY2024,"▲1,000",市民協働,p,,\n'
# Shift_JIS (CP932) as Japanese Excel writes it, CRLF, the note over two lines:
#   計画,指標,年度,実績値,備考,内訳
#   yamaguchi-industry-2022,企業誘致件数,令和5年度,"1,234","速報
#   県調べ",性別=女性
#   yamaguchi-industry-2022,県内就業率,R4,△12.5,,
#   p,i,FY2024,確定,,
seed shift-jis '\x8cv\x89\xe6,\x8ew\x95W,\x94N\x93x,\x8e\xc0\x90\xd1\x92l,\x94\xf5\x8dl,\x93\xe0\x96\xf3\r\nyamaguchi-industry-2022,\x8a\xe9\x8b\xc6\x97U\x92v\x8c\x8f\x90\x94,\x97\xdf\x98a5\x94N\x93x,"1,234","\x91\xac\x95\xf1\r\n\x8c\xa7\x92\xb2\x82\xd7",\x90\xab\x95\xca=\x8f\x97\x90\xab\r\nyamaguchi-industry-2022,\x8c\xa7\x93\xe0\x8fA\x8b\xc6\x97\xa6,R4,\x81\xa212.5,,\r\np,i,FY2024,\x8am\x92\xe8,,\r\n'
# Shift_JIS after ASCII rows, so the encoding is decided late; the last row lacks a break.
seed shift-jis-late 'plan,indicator,period,value\np,i,FY2023,1\np,i,FY2024,2\np,\x8a\xe9\x8b\xc6\x97U\x92v\x8c\x8f\x90\x94,\x97\xdf\x98a5\x94N\x93x,7'
utf16le utf16le 'plan,indicator,period,value,note
p,i,FY2023,15,"two
lines"
'

# Invalid files: each must give located errors, never a panic.
seed bad-rows 'plan,indicator,period,value,status,breakdown\np,i,FY2023,15件,final,\np,,2023-2025,1e5,done,性別女性\n,i,FY2023\np,i,FY2023,1,2,3,4\np,i,令和99年度,"1,23",,性別=女性;性別=男性\n'
seed unclosed-quote 'plan,indicator,period,value,note\np,i,FY2023,1,"no closing quote\np,i,FY2024,2,x\np,i,FY2025,3,y\n'
seed bad-header 'plan,indicater,peroid,value,value,地域\np,i,FY2023,1,2,x\n'
seed shift-jis-damaged '\x8cv\x89\xe6,\x8ew\x95W,\x94N\x93x,\x8e\xc0\x90\xd1\x92l,\x94\xf5\x8dl\r\np,i,FY2024,3,abc\x81\xffdef\r\n'
seed utf8-damaged 'plan,indicator,period,value,note\np,市民協働,令和5年度,1,ok\np,i\xff,FY2024,3,x\np,i,FY2025,4,\xef\xbf\xbd\n'
seed unnamed-column 'plan,indicator,period,value,,\np,i,FY2023,1,,\np,i,FY2024,2,,x\n'
seed blank-lines-first '\n\r\n\nplan,indicator,period,value\n\np,i,FY2023,1\n'
seed header-only 'plan,indicator,period,value'
seed empty ''
seed xlsx 'PK\x03\x04\x14\x00\x06\x00'
seed nul-byte 'plan,indicator\x00,period,value\n'
utf16le utf16le-bad-row 'plan,indicator,period,value
p,i,FY2023
'

# Two files past the reader's 64 KiB buffers (libFuzzer cuts them to -max_len; whole with
# MAX_LEN=140000): ASCII rows, then Shift_JIS, so the encoding is decided past the first
# buffer; and UTF-8 Japanese rows, so characters and a quoted note straddle its end.
{
    printf 'plan,indicator,period,value\n'
    for ((i = 0; i < 3500; i++)); do printf 'p,i%d,FY2023,%d\n' "$i" "$i"; done
    printf 'p,\x8a\xe9\x8b\xc6\x97U\x92v\x8c\x8f\x90\x94,\x97\xdf\x98a5\x94N\x93x,\x81\xa27\n'
} >corpus/actuals/big-ascii-then-shift-jis.csv
{
    printf '計画,指標,年度,実績値,備考\n'
    for ((i = 0; i < 1400; i++)); do
        printf 'p,市民協働%d,令和5年度,"%d,%03d","備考\n二行目"\n' "$i" $((i / 1000 + 1)) $((i % 1000))
    done
} >corpus/actuals/big-utf8.csv
echo "fuzz/corpus/actuals: $(ls corpus/actuals | wc -l) files"

mkdir -p corpus/html corpus/xlsx corpus/docx corpus/pdf
page() { printf '%s' "$2" >"corpus/html/$1.html"; }
page table '<!doctype html><html><head><meta charset="utf-8"><title>t</title><style>td{}</style></head><body><h1>成果指標</h1><table><caption>表1</caption><tr><th rowspan=2>分野<th colspan=2>目標値<tr><td>R7<td>R9<tr><td>観光客数<td>86.7<td>110</table><p>以上<br>次</p></body></html>'
page nested '<table><tr><td>左<td><table><tr><td>指標名<td>現状値（R4）<td>目標値（R9）<tr><td>市内で創業した事業者の累計件数<td>42件<td>120件</table></table><ul><li>一<li>二</ul><pre>a  b
c</pre>'
printf '%s' '<html><meta charset="shift_jis"><table><tr><td>' >corpus/html/sjis.html
printf '\x90\xac\x89\xca\x8ew\x95W</table>' >>corpus/html/sjis.html
sheet() { { printf "\\x$2"; printf '%s' "$3"; } >"corpus/xlsx/$1"; }
sheet sheet 01 '<worksheet><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c></row><row r="3"><c r="B3" t="s"><v>3</v></c><c r="C3" s="1"><f>A1</f><v>0.225</v></c><c r="D3" s="2"><v>45017</v></c><c r="E3" t="inlineStr"><is><t>件</t></is></c></row></sheetData><mergeCells><mergeCell ref="C3:D3"/></mergeCells></worksheet>'
sheet strings 02 '<sst><si><t>成果指標</t></si><si><r><t>観光</t></r><r><t>客数</t></r><rPh><t>カン</t></rPh></si><si><t>目標値</t></si><si/></sst>'
sheet styles 03 '<styleSheet><numFmts><numFmt numFmtId="176" formatCode="#,##0.0&quot;万人&quot;"/><numFmt numFmtId="177" formatCode="[$-411]ggge&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/></numFmts><cellXfs><xf numFmtId="0"/><xf numFmtId="176"/><xf numFmtId="177"/></cellXfs></styleSheet>'
sheet workbook 04 '<workbook xmlns:r="r"><workbookPr date1904="1"/><sheets><sheet name="指標" r:id="rId1"/><sheet name="隠し" state="hidden" r:id="rId1"/></sheets></workbook>'
W='xmlns:w="w" xmlns:mc="mc"'
body() { { printf '\x01'; printf '<w:document %s><w:body>%s</w:body></w:document>' "$W" "$2"; } >"corpus/docx/$1"; }
body paragraphs '<w:p><w:r><w:t>第３章</w:t></w:r><w:r><w:t xml:space="preserve">　施策</w:t><w:tab/><w:t>25件</w:t><w:br/><w:delText>x</w:delText></w:r></w:p><w:p/>'
body table '<w:tbl><w:tr><w:trPr><w:gridBefore w:val="1"/></w:trPr><w:tc><w:tcPr><w:vMerge w:val="restart"/></w:tcPr><w:p><w:r><w:t>分野</w:t></w:r></w:p></w:tc><w:tc><w:tcPr><w:gridSpan w:val="2"/></w:tcPr><w:p><w:r><w:t>目標値</w:t></w:r></w:p></w:tc></w:tr><w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc><w:tc><w:p><w:r><w:t>R7</w:t></w:r></w:p><w:tbl><w:tr><w:tc><w:p><w:r><w:t>内</w:t></w:r></w:p></w:tc></w:tr></w:tbl></w:tc></w:tr></w:tbl><w:p><w:r><mc:AlternateContent><mc:Choice><w:t>箱</w:t></mc:Choice><mc:Fallback><w:t>箱</w:t></mc:Fallback></mc:AlternateContent></w:r></w:p>'
printf '第３章 施策の展開\n   指標名     単位 現状値（R4） 目標値（R9）\n市内で創業した事業 件 42        120\n者の累計件数\n観光客数       万人 86.7    110\n\f中小企業のデジタル ％ 22.5      50.0\n化率\n\f' >corpus/pdf/layout.txt
printf '\n\f\n\f' >corpus/pdf/scan.txt
# The geometry of a ruled table of two rows: lengths (u16, little-endian) of the -layout text
# and the -bbox-layout boxes, then the three outputs (fuzz_targets/pdf.rs).
python3 - corpus/pdf/ruled.bin <<'PY'
import struct, sys
layout = "指標 値\n甲 3\n\f".encode()
boxes = ('<doc><page width="100" height="100">'
         '<word xMin="5" yMin="5" xMax="25" yMax="15">指標</word>'
         '<word xMin="55" yMin="5" xMax="65" yMax="15">値</word>'
         '<word xMin="5" yMin="25" xMax="15" yMax="35">甲</word>'
         '<word xMin="55" yMin="25" xMax="60" yMax="35">3</word></page></doc>').encode()
svg = ('<svg><pageSet><page><g>'
       '<path style="fill:none;stroke:rgb(0%,0%,0%);" d="M 0 0 L 100 0 M 0 20 L 100 20 M 0 40 L 100 40"/>'
       '<path style="stroke:none;fill:rgb(0%,0%,0%);" d="M 0 0 L 0.75 0 L 0.75 40 L 0 40 Z M 50 0 L 50.75 0 L 50.75 40 L 50 40 Z"/>'
       '<path style="fill:none;stroke:rgb(0%,0%,0%);" d="M 100 0 L 100 40"/>'
       '</g></page></pageSet></svg>').encode()
open(sys.argv[1], 'wb').write(struct.pack('<HH', len(layout), len(boxes)) + layout + boxes + svg)
PY
for doc in ../examples/documents/*.txt; do
    split -C 4096 -d -a 3 "$doc" "corpus/pdf/$(basename "$doc" .txt).part-"
done
echo "fuzz/corpus/{html,xlsx,docx,pdf}: $(ls corpus/html | wc -l), $(ls corpus/xlsx | wc -l), $(ls corpus/docx | wc -l), $(ls corpus/pdf | wc -l) files"

# corpus/planfile/: plan files by hand (comments, other spacing) and in the canonical form,
# whole, and a small canonical file of every section written out below.
mkdir -p corpus/planfile
for f in ../examples/*.toml ../crates/import/tests/fixtures/*.toml; do
    cp "$f" "corpus/planfile/$(basename "$f")"
done
printf '[plan]\ncode = "p"\ntitle = "計画"\nperiod = "FY2022-FY2026"\nissuer = { name = "市", code = "990001" }\n\n[plan.grading]\nname = "g"\ntiming = "after_target"\ngrades = [\n  { label = "A", name = "達成", rule = "met" },\n  { label = "B", name = "他", rule = "always" },\n]\n\n[[nodes]]\nid = "d1"\ntitle = "方向"\nbody = """\n一行目\n二行目"""\nweight = 2\n\n[[links]]\nfrom = "d1"\nto = "d1"\nkind = "related"\n\n[[indicators]]\nid = "i1"\nnode = "d1"\nname = "率"\nunit = "%%"\nkind = "level"\ndirection = "decrease"\nbaseline = { value = 12.5, period = "FY2021" }\ntarget = { value = "10.25", period = "FY2026" }\nyearly_targets = [{ period = "FY2023", value = 11 }, { period = "FY2023", value = 11.5 }]\nobservations = { FY2022 = 12, FY2023 = -0.5 }\nobservation_details = [\n  { period = "2023-08", value = 11, status = "provisional", as_of = "2023-08-31" },\n]\nratio = { numerator = "i2", denominator = "i3", factor = 100 }\n\n[[indicators]]\nid = "i4"\nname = "段階"\nkind = "milestone"\nstates = ["未着手", "実施中"]\nnote = "注\\u0085"\nobservations = { FY2022 = "実施中" }\n\n[[indicators]]\nid = "i2"\nname = "分子"\nkind = "level"\n\n[[indicators]]\nid = "i3"\nname = "分母"\nkind = "level"\n\n[[roadmap]]\nnode = "d1"\ntitle = "工程"\nstart = "FY2022"\nnotes = { FY2023 = "検討\\t\\"開始\\"" }\n\n[[organizations]]\nname = "財団"\nroles = ["支援"]\n\n[[members]]\nname = "委員"\nreading = "いいん"\n' >corpus/planfile/every-section.toml
echo "fuzz/corpus/planfile: $(ls corpus/planfile | wc -l) files"
