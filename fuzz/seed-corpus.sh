#!/usr/bin/env bash
# Fills the fuzzers' starting corpora (fuzz/corpus/, gitignored):
#
# - corpus/extract/: the seed documents whole, and cut into pieces of at most 4 KB at line
#   ends, which the fuzzer mutates faster.
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
