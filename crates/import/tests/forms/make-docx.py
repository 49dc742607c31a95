"""Writes the Word fixtures 47, 48, 49, 60, 61, 68, 69, 87 and 89 of tests/forms (see tests/README.md).

Minimal WordprocessingML written by hand: a fixed-width table (w:tcW), shaded header cells,
a w:br between a header word and its year, merged header cells (w:vMerge, w:gridSpan) in 49.
The zip entries carry a fixed date so that the files come out the same each run.
Run from anywhere: python3 make-docx.py
"""
import os
import zipfile
def build(path, title_paras, rows, widths, after_paras=()):
    def cell(t,w,hdr=False):
        shade = '<w:shd w:val="clear" w:color="auto" w:fill="D9E2F3"/>' if hdr else ''
        num = t[:1].isdigit() or t[:1] in '－―-'
        jc = '<w:jc w:val="right"/>' if (num and not hdr) else ('<w:jc w:val="center"/>' if hdr else '')
        runs = ''.join(f'<w:r><w:t xml:space="preserve">{x}</w:t></w:r>' + ('<w:r><w:br/></w:r>' if k < len(t.split("\n"))-1 else '') for k,x in enumerate(t.split("\n")))
        return f'<w:tc><w:tcPr><w:tcW w:w="{w}" w:type="dxa"/>{shade}<w:vAlign w:val="center"/></w:tcPr><w:p><w:pPr>{jc}</w:pPr>{runs}</w:p></w:tc>'
    tbl = '<w:tbl><w:tblPr><w:tblW w:w="%d" w:type="dxa"/><w:tblLayout w:type="fixed"/><w:tblBorders>' % sum(widths) + ''.join(f'<w:{b} w:val="single" w:sz="4" w:color="000000"/>' for b in ['top','left','bottom','right','insideH','insideV']) + '</w:tblBorders></w:tblPr><w:tblGrid>' + ''.join(f'<w:gridCol w:w="{w}"/>' for w in widths) + '</w:tblGrid>'
    for i,r in enumerate(rows):
        tbl += '<w:tr>' + ''.join(cell(t,w,i==0) for t,w in zip(r,widths)) + '</w:tr>'
    tbl += '</w:tbl>'
    para = lambda t: f'<w:p><w:r><w:t xml:space="preserve">{t}</w:t></w:r></w:p>'
    styles = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Noto Sans CJK JP" w:hAnsi="Noto Sans CJK JP" w:eastAsia="Noto Sans CJK JP"/><w:sz w:val="20"/></w:rPr></w:rPrDefault></w:docDefaults></w:styles>'
    doc = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>' + ''.join(map(para,title_paras)) + tbl + ''.join(map(para,after_paras)) + '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1701" w:right="1418" w:bottom="1418" w:left="1418"/></w:sectPr></w:body></w:document>'
    ct = '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/></Types>'
    rels = '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>'
    drels = '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>'
    with zipfile.ZipFile(path,'w',zipfile.ZIP_DEFLATED) as z:
        for n,d in [('[Content_Types].xml',ct),('_rels/.rels',rels),('word/_rels/document.xml.rels',drels),('word/document.xml',doc),('word/styles.xml',styles)]:
            zi = zipfile.ZipInfo(n, date_time=(2024,1,1,0,0,0)); zi.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(zi, d)
F=os.path.dirname(os.path.abspath(__file__))+'/'
build(F+'47-docx-indicator-table-narrow-names.docx',
  ["第２次東山市環境基本計画","施策５－２　緑豊かなまちづくり","【成果指標】"],
  [["No.","指標名","単位","基準値\n（R4）","目標値\n（R10）"],
   ["1","市内の街路樹の植栽本数","本","8,420","9,000"],
   ["2","緑化協定を締結した事業所数","事業所","36","50"],
   ["3","都市公園の市民一人当たり面積","㎡","9.8","10.5"],
   ["4","市民緑化ボランティアの登録者数","人","214","300"],
   ["5","生け垣設置補助の交付件数（累計）","件","128","200"]],
  [600,2600,1000,1400,1400],
  ["※基準値は令和４年度末の値。"])
build(F+'48-docx-progress-table-grades.docx',
  ["若葉市総合戦略　令和５年度　重要業績評価指標（KPI）の達成状況","基本目標２　安心して子どもを産み育てられるまち"],
  [["KPI","単位","目標値\n（R7）","実績値\n（R5）","達成率","評価"],
   ["子育て支援センターの年間利用者数","人","24,000","21,310","88.8%","B"],
   ["産後ケア事業の利用者数","人","150","162","108.0%","A"],
   ["病児保育の登録者数","人","900","611","67.9%","C"],
   ["子育て応援アプリの登録者数","人","5,000","－","－","－"]],
  [3400,700,1300,1300,1100,800],
  ["評価の基準　A：100%以上　B：80%以上100%未満　C：80%未満　－：実績値なし"])

# 49: merged header cells.
W='xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
def tc(text, w, span=1, vmerge=None, hdr=False, jc=None):
    pr = f'<w:tcW w:w="{w}" w:type="dxa"/>'
    if span > 1: pr += f'<w:gridSpan w:val="{span}"/>'
    if vmerge == 'restart': pr += '<w:vMerge w:val="restart"/>'
    elif vmerge == 'cont': pr += '<w:vMerge/>'
    if hdr: pr += '<w:shd w:val="clear" w:color="auto" w:fill="E2EFD9"/>'
    pr += '<w:vAlign w:val="center"/>'
    j = f'<w:jc w:val="{jc}"/>' if jc else ''
    run = f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>' if text else ''
    return f'<w:tc><w:tcPr>{pr}</w:tcPr><w:p><w:pPr>{j}</w:pPr>{run}</w:p></w:tc>'
widths=[600,3000,800,900,1100,900,1100]
rows=[]
rows.append(''.join([tc('No.',600,vmerge='restart',hdr=True,jc='center'),tc('成果指標',3000,vmerge='restart',hdr=True,jc='center'),tc('単位',800,vmerge='restart',hdr=True,jc='center'),tc('基準値',2000,span=2,hdr=True,jc='center'),tc('目標値',2000,span=2,hdr=True,jc='center')]))
rows.append(''.join([tc('',600,vmerge='cont',hdr=True),tc('',3000,vmerge='cont',hdr=True),tc('',800,vmerge='cont',hdr=True),tc('年度',900,hdr=True,jc='center'),tc('値',1100,hdr=True,jc='center'),tc('年度',900,hdr=True,jc='center'),tc('値',1100,hdr=True,jc='center')]))
data=[("1","河川の水質環境基準（BOD）の達成率","％","R3","87.5","R9","100.0"),
      ("2","生活排水処理率","％","R3","91.2","R9","95.0"),
      ("3","合併処理浄化槽の設置補助基数","基","R3","1,240","R9","1,600"),
      ("4","水辺の清掃活動への参加者数","人","R2","3,180","R9","4,000")]
for d in data:
    rows.append(''.join([tc(d[0],600,jc='center'),tc(d[1],3000),tc(d[2],800,jc='center'),tc(d[3],900,jc='center'),tc(d[4],1100,jc='right'),tc(d[5],900,jc='center'),tc(d[6],1100,jc='right')]))
tbl = '<w:tbl><w:tblPr><w:tblW w:w="%d" w:type="dxa"/><w:tblLayout w:type="fixed"/><w:tblBorders>' % sum(widths) + ''.join(f'<w:{b} w:val="single" w:sz="4" w:color="000000"/>' for b in ['top','left','bottom','right','insideH','insideV']) + '</w:tblBorders></w:tblPr><w:tblGrid>' + ''.join(f'<w:gridCol w:w="{w}"/>' for w in widths) + '</w:tblGrid>' + ''.join(f'<w:tr>{r}</w:tr>' for r in rows) + '</w:tbl>'
para = lambda t: f'<w:p><w:r><w:t xml:space="preserve">{t}</w:t></w:r></w:p>'
styles = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:styles {W}><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Noto Sans CJK JP" w:hAnsi="Noto Sans CJK JP" w:eastAsia="Noto Sans CJK JP"/><w:sz w:val="20"/></w:rPr></w:rPrDefault></w:docDefaults></w:styles>'
doc = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {W}><w:body>' + para("第３次仮想県環境基本計画") + para("施策３－１　きれいな水環境の保全") + para("■成果指標") + tbl + para("※「R2」の値は県民意識調査による。") + '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1701" w:right="1418" w:bottom="1418" w:left="1418"/></w:sectPr></w:body></w:document>'
ct = '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/></Types>'
rels = '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>'
drels = '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>'
path=F+'49-docx-outcome-table-merged-header-cells.docx'
with zipfile.ZipFile(path,'w',zipfile.ZIP_DEFLATED) as z:
    for n,d in [('[Content_Types].xml',ct),('_rels/.rels',rels),('word/_rels/document.xml.rels',drels),('word/document.xml',doc),('word/styles.xml',styles)]:
        zi = zipfile.ZipInfo(n, date_time=(2024,1,1,0,0,0)); zi.compress_type = zipfile.ZIP_DEFLATED
        z.writestr(zi, d)

# 60 and 61: held-out fixtures (a 成果指標 table with decreasing targets and numbers in 備考; a
# hospital bureau's 経営指標 table with ○ × marks), written before any rule for them.
build(F+'60-docx-outcome-table-decreasing-targets-remarks.docx',
  ["第３次仮想市安全安心まちづくり計画","基本施策１　犯罪や事故のないまち","【成果指標】"],
  [["No.","指標名","単位","現状値\n（R4）","目標値\n（R10）","備考"],
   ["1","市内の交通事故発生件数","件","312","250以下","R1は401件"],
   ["2","刑法犯認知件数","件","586","減少","前計画の目標は500件"],
   ["3","自主防犯パトロール団体数","団体","42","50",""],
   ["4","特殊詐欺の被害件数","件","9","0","県内では年間212件"],
   ["5","防犯カメラの設置台数（累計）","台","1,180","1,600","毎年70台を設置"]],
  [500,2700,700,1100,1100,2000],
  ["※現状値は令和４年度末の値。"])
build(F+'61-docx-hospital-management-indicators-marks.docx',
  ["架空市立病院経営強化プラン　令和５年度　点検・評価","１　経営指標の達成状況"],
  [["指標","単位","令和４年度\n実績","令和５年度\n目標","令和５年度\n実績","達成\n状況"],
   ["病床利用率","％","71.4","78.0","74.6","×"],
   ["平均在院日数","日","13.8","13.0以下","12.7","○"],
   ["１日平均外来患者数","人","512","540","548","○"],
   ["経常収支比率","％","97.2","100.0","98.9","×"],
   ["医業収益に対する職員給与費の割合","％","61.5","58.0以下","59.3","×"]],
  [3000,700,1200,1200,1200,900],
  ["達成状況　○：目標を達成　×：目標未達成"])

# 68 and 69: held-out fixtures written after the geometry reader, scored before any fix. A table
# of cells given one by one — (text, width, span, vmerge, header) — with the borders chosen per
# table: 68 is ruled with horizontal lines only (no w:insideV, no w:left / w:right), its group
# rows one cell over the whole width (w:gridSpan); 69 is fully ruled, each item's name merged
# down over its 計画 / 実績 rows (w:vMerge).
def build_cells(path, title_paras, widths, rows, borders, after_paras=()):
    def cell(text, w, span=1, vmerge=None, hdr=False, jc=None):
        pr = f'<w:tcW w:w="{w}" w:type="dxa"/>'
        if span > 1: pr += f'<w:gridSpan w:val="{span}"/>'
        if vmerge == 'restart': pr += '<w:vMerge w:val="restart"/>'
        elif vmerge == 'cont': pr += '<w:vMerge/>'
        if hdr: pr += '<w:shd w:val="clear" w:color="auto" w:fill="DEEAF6"/>'
        pr += '<w:vAlign w:val="center"/>'
        if jc is None:
            jc = 'center' if hdr else ('right' if (text[:1].isdigit() or text[:1] in '－―-▲') else None)
        j = f'<w:jc w:val="{jc}"/>' if jc else ''
        lines = text.split("\n") if text else []
        runs = ''.join(f'<w:r><w:t xml:space="preserve">{x}</w:t></w:r>' + ('<w:r><w:br/></w:r>' if k < len(lines)-1 else '') for k,x in enumerate(lines))
        return f'<w:tc><w:tcPr>{pr}</w:tcPr><w:p><w:pPr>{j}</w:pPr>{runs}</w:p></w:tc>'
    tbl = '<w:tbl><w:tblPr><w:tblW w:w="%d" w:type="dxa"/><w:tblLayout w:type="fixed"/><w:tblBorders>' % sum(widths) + ''.join(f'<w:{b} w:val="single" w:sz="{sz}" w:color="000000"/>' for b,sz in borders) + '</w:tblBorders></w:tblPr><w:tblGrid>' + ''.join(f'<w:gridCol w:w="{w}"/>' for w in widths) + '</w:tblGrid>'
    for r in rows:
        tbl += '<w:tr>' + ''.join(cell(*c) for c in r) + '</w:tr>'
    tbl += '</w:tbl>'
    para = lambda t: f'<w:p><w:r><w:t xml:space="preserve">{t}</w:t></w:r></w:p>'
    styles = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:styles {W}><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Noto Sans CJK JP" w:hAnsi="Noto Sans CJK JP" w:eastAsia="Noto Sans CJK JP"/><w:sz w:val="20"/></w:rPr></w:rPrDefault></w:docDefaults></w:styles>'
    doc = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {W}><w:body>' + ''.join(map(para,title_paras)) + tbl + ''.join(map(para,after_paras)) + '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1701" w:right="1418" w:bottom="1418" w:left="1418"/></w:sectPr></w:body></w:document>'
    with zipfile.ZipFile(path,'w',zipfile.ZIP_DEFLATED) as z:
        for n,d in [('[Content_Types].xml',ct),('_rels/.rels',rels),('word/_rels/document.xml.rels',drels),('word/document.xml',doc),('word/styles.xml',styles)]:
            zi = zipfile.ZipInfo(n, date_time=(2024,1,1,0,0,0)); zi.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(zi, d)

w68 = [3300, 1800, 1100, 1100, 700]
def r68(name, who, now, goal, kubun):
    return [(name, w68[0]), (who, w68[1], 1, None, False, 'center'), (now, w68[2]), (goal, w68[3], 1, None, False, 'right'), (kubun, w68[4], 1, None, False, 'center')]
def g68(text):
    return [(text, sum(w68), 5, None, False, 'left')]
build_cells(F+'68-docx-horizontal-rules-word-targets-years-in-prose.docx',
  ["第２期東山市子ども・子育て応援プラン","第５章　評価指標",
   "計画の成果を把握するため、次の評価指標を設定します。特に記載のない限り、現状は令和５年度、目標は令和11年度の値です。"],
  w68,
  [[("評価指標", w68[0], 1, None, True), ("対象", w68[1], 1, None, True), ("現状", w68[2], 1, None, True), ("目標", w68[3], 1, None, True), ("区分", w68[4], 1, None, True)],
   g68("目標１　子育ての不安や負担の軽減"),
   r68("子育てを楽しいと感じる保護者の割合（市民意向調査）", "就学前児童の保護者", "64.8%", "増加", "ⅰ"),
   r68("子育てについて気軽に相談できる人がいる保護者の割合（市民意向調査）", "就学前児童の保護者", "90.6%", "増加", "ⅰ"),
   r68("子育てに不安を感じる保護者の割合（市民意向調査）", "小学生の保護者", "38.2%", "減少", "ⅱ"),
   g68("目標２　子どもの健やかな成長の支援"),
   r68("乳児家庭全戸訪問の実施率", "生後4か月までの乳児", "97.1%", "100%", "ⅰ"),
   r68("放課後児童クラブの待機児童数", "小学生", "23人", "0人", "ⅲ"),
   r68("地域子育て支援拠点の年間利用者数", "就学前児童と保護者", "18,420人", "22,000人", "ⅳ")],
  [('top', 12), ('bottom', 12), ('insideH', 4)],
  ["区分　ⅰ：国の手引きで全国共通の指標とされているもの　ⅱ：国の手引きに記載があるもの　ⅲ：総合計画の指標　ⅳ：本計画で新たに設定したもの"])

w69 = [2600, 800, 1100, 1100, 1100, 1100, 1100]
def h69():
    return [(t, w, 1, None, True) for t, w in zip(["項目", "区分", "R３年度", "R４年度", "R５年度", "R６年度", "R７年度"], w69)]
def pair69(name, plan, actual):
    top = [(name, w69[0], 1, 'restart', False, 'left'), ("計画", w69[1], 1, None, False, 'center')] + [(v, w) for v, w in zip(plan, w69[2:])]
    bot = [("", w69[0], 1, 'cont'), ("実績", w69[1], 1, None, False, 'center')] + [(v, w) for v, w in zip(actual, w69[2:])]
    return [top, bot]
rows69 = [h69()]
rows69 += pair69("財政効果額（累計）（百万円）", ["120", "260", "410", "580", "760"], ["134", "271", "398", "－", "－"])
rows69 += pair69("職員数（人）", ["412", "405", "398", "391", "385"], ["410", "401", "399", "－", "－"])
rows69 += pair69("経常収支比率（％）", ["93.0以下", "92.5以下", "92.0以下", "91.5以下", "91.0以下"], ["94.1", "92.8", "91.7", "－", "－"])
rows69 += pair69("町債残高（百万円）", ["8,200", "8,050", "7,900", "7,750", "7,600"], ["8,185", "8,012", "7,934", "－", "－"])
rows69 += pair69("公共施設の延床面積（㎡）", ["98,500", "97,800", "96,900", "95,600", "94,000"], ["98,620", "97,950", "97,310", "－", "－"])
build_cells(F+'69-docx-plan-actual-row-pairs-merged-names-units-in-names.docx',
  ["仮想町行財政改革実施計画（令和３年度～令和７年度）","令和５年度　数値目標の達成状況"],
  w69, rows69,
  [('top', 4), ('left', 4), ('bottom', 4), ('right', 4), ('insideH', 4), ('insideV', 4)],
  ["※財政効果額は計画期間の累計額。R６年度以降の実績は今後把握する。"])

# 87 and 89: the frozen held-out Word fixtures (written after the morning's fixes, shown to no
# rule writer until the end of the day). 87 is a fully ruled 工程表 whose bars are cells merged
# across the year columns (w:gridSpan) holding a word and a drawn arrow; 89 a fully ruled
# 経営目標評価シート whose 区分 is merged down (w:vMerge) and whose header's merged 令和５年度
# spans 目標値 and 実績値.
w87 = [2900, 1100, 900, 900, 900, 900, 900]
ALL87 = [('top', 4), ('left', 4), ('bottom', 4), ('right', 4), ('insideH', 4), ('insideV', 4)]
def row87(item, dept, cells):
    # cells: (text, first year index 0-4, years spanned)
    out = [(item, w87[0], 1, None, False, 'left'), (dept, w87[1], 1, None, False, 'center')]
    col = 0
    for text, start, span in cells:
        while col < start:
            out.append(("", w87[2 + col])); col += 1
        out.append((text, sum(w87[2 + col:2 + col + span]), span, None, False, 'left' if span > 1 else 'center'))
        col += span
    while col < 5:
        out.append(("", w87[2 + col])); col += 1
    return out
build_cells(F+'87-docx-ruled-roadmap-merged-year-bars-arrows.docx',
  ["第３次仮想市行財政改革大綱　実施計画","重点項目２　効率的な行政運営の推進","【取組の工程表】"],
  w87,
  [[(t, w, 1, None, True) for t, w in zip(["取組項目", "担当課", "令和５年度", "令和６年度", "令和７年度", "令和８年度", "令和９年度"], w87)],
   row87("公共施設個別施設計画の見直し", "資産経営課", [("検討", 0, 1), ("見直し", 1, 1), ("運用 ──────────→", 2, 3)]),
   row87("窓口業務のオンライン申請の拡大", "デジタル推進課", [("順次拡大 ─────────────────→", 1, 4)]),
   row87("使用料・手数料の見直し", "財政課", [("検討 ──────→", 0, 2), ("改定", 2, 1)]),
   row87("指定管理者制度の導入施設の拡大", "行政改革推進室", [("導入", 2, 1), ("実施 ─────→", 3, 2)]),
   row87("人材育成基本方針に基づく研修計画の策定", "人事課", [("策定", 0, 1)])],
  ALL87,
  ["※「──→」は取組を継続して実施する期間を示す。"])

w89 = [900, 2700, 700, 1000, 1000, 1000, 900, 700]
def hdr89():
    top = [("区分", w89[0], 1, 'restart', True), ("指標", w89[1], 1, 'restart', True), ("単位", w89[2], 1, 'restart', True),
           ("基準値\n（R1）", w89[3], 1, 'restart', True), ("令和５年度", w89[4] + w89[5], 2, None, True),
           ("達成率", w89[6], 1, 'restart', True), ("評価", w89[7], 1, 'restart', True)]
    bot = [("", w89[0], 1, 'cont', True), ("", w89[1], 1, 'cont', True), ("", w89[2], 1, 'cont', True), ("", w89[3], 1, 'cont', True),
           ("目標値", w89[4], 1, None, True), ("実績値", w89[5], 1, None, True),
           ("", w89[6], 1, 'cont', True), ("", w89[7], 1, 'cont', True)]
    return [top, bot]
def r89(group, first, name, unit, base, goal, act, rate, mark):
    g = (group, w89[0], 1, 'restart', False, 'center') if first else ("", w89[0], 1, 'cont')
    return [g, (name, w89[1], 1, None, False, 'left'), (unit, w89[2], 1, None, False, 'center'), (base, w89[3]), (goal, w89[4]),
            (act, w89[5]), (rate, w89[6]), (mark, w89[7], 1, None, False, 'center')]
build_cells(F+'89-docx-ruled-water-management-targets-merged-groups-rates.docx',
  ["若葉市上下水道局　経営戦略（令和２年度～令和11年度）","令和５年度　経営目標評価シート（水道事業）"],
  w89,
  hdr89() + [
   r89("安全", True, "水質基準不適合率", "％", "0.0", "0.0", "0.0", "－", "Ａ"),
   r89("安全", False, "鉛製給水管の残存件数", "件", "1,820", "900以下", "1,012", "88.9%", "Ｂ"),
   r89("強靭", True, "基幹管路の耐震適合率", "％", "38.2", "46.0", "44.9", "97.6%", "Ｂ"),
   r89("強靭", False, "配水池の耐震化率", "％", "61.5", "75.0", "75.0", "100.0%", "Ａ"),
   r89("持続", True, "経常収支比率", "％", "108.4", "105.0以上", "103.2", "98.3%", "Ｂ"),
   r89("持続", False, "有収率", "％", "89.6", "92.0", "90.1", "97.9%", "Ｂ")],
  ALL87,
  ["評価　Ａ：目標を達成　Ｂ：目標の90%以上　Ｃ：目標の90%未満", "※「以下」とする指標の達成率は（目標値÷実績値）×100。"])
