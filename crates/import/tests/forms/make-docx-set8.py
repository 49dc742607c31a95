"""Writes the Word documents 210-213 of this set: minimal WordprocessingML written by hand.

A document is a list of blocks: ('p', text, opts) paragraphs and ('tbl', spec) tables. A table
spec gives fixed grid widths (w:tcW / w:gridCol), its borders, and rows of cells; a cell is a
dict: t (text, '\n' becomes w:br), span (w:gridSpan), vm ('restart' / 'cont', w:vMerge),
fill (shading), jc (alignment), b (bold), sz (half-points). Font: Noto Sans CJK JP.
The zip entries carry a fixed date so that the files come out the same each run.
Run from anywhere: python3 make-docx.py
"""
import os
import zipfile
from xml.sax.saxutils import escape

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
F = os.path.dirname(os.path.abspath(__file__)) + '/'


def runs(text, b=False, sz=None):
    rpr = ''
    if b:
        rpr += '<w:b/>'
    if sz:
        rpr += f'<w:sz w:val="{sz}"/><w:szCs w:val="{sz}"/>'
    rpr = f'<w:rPr>{rpr}</w:rPr>' if rpr else ''
    lines = text.split('\n') if text else []
    out = ''
    for k, x in enumerate(lines):
        out += f'<w:r>{rpr}<w:t xml:space="preserve">{escape(x)}</w:t></w:r>'
        if k < len(lines) - 1:
            out += f'<w:r>{rpr}<w:br/></w:r>'
    return out


def para(text, b=False, sz=None, jc=None, before=0, after=60):
    ppr = f'<w:spacing w:before="{before}" w:after="{after}"/>'
    if jc:
        ppr += f'<w:jc w:val="{jc}"/>'
    return f'<w:p><w:pPr>{ppr}</w:pPr>{runs(text, b, sz)}</w:p>'


def table(spec):
    widths = spec['widths']
    borders = spec.get('borders', [(b, 4) for b in ['top', 'left', 'bottom', 'right', 'insideH', 'insideV']])
    sz = spec.get('sz')
    tbl = '<w:tbl><w:tblPr><w:tblW w:w="%d" w:type="dxa"/><w:tblLayout w:type="fixed"/><w:tblBorders>' % sum(widths)
    tbl += ''.join(f'<w:{b} w:val="single" w:sz="{s}" w:space="0" w:color="000000"/>' for b, s in borders)
    tbl += '</w:tblBorders><w:tblCellMar><w:left w:w="57" w:type="dxa"/><w:right w:w="57" w:type="dxa"/></w:tblCellMar></w:tblPr><w:tblGrid>'
    tbl += ''.join(f'<w:gridCol w:w="{w}"/>' for w in widths) + '</w:tblGrid>'
    for row in spec['rows']:
        tbl += '<w:tr>'
        col = 0
        for c in row:
            span = c.get('span', 1)
            w = sum(widths[col:col + span])
            col += span
            pr = f'<w:tcW w:w="{w}" w:type="dxa"/>'
            if span > 1:
                pr += f'<w:gridSpan w:val="{span}"/>'
            if c.get('vm') == 'restart':
                pr += '<w:vMerge w:val="restart"/>'
            elif c.get('vm') == 'cont':
                pr += '<w:vMerge/>'
            if c.get('fill'):
                pr += f'<w:shd w:val="clear" w:color="auto" w:fill="{c["fill"]}"/>'
            pr += f'<w:vAlign w:val="{c.get("va", "center")}"/>'
            j = f'<w:jc w:val="{c["jc"]}"/>' if c.get('jc') else ''
            text = '' if c.get('vm') == 'cont' else c.get('t', '')
            tbl += (f'<w:tc><w:tcPr>{pr}</w:tcPr><w:p><w:pPr><w:spacing w:before="0" w:after="0"/>{j}</w:pPr>'
                    f'{runs(text, c.get("b", False), c.get("sz", sz))}</w:p></w:tc>')
        tbl += '</w:tr>'
    return tbl + '</w:tbl>'


def build(name, blocks, landscape=False, font_sz=20):
    body = ''
    for blk in blocks:
        if blk[0] == 'p':
            body += para(blk[1], **(blk[2] if len(blk) > 2 else {}))
        else:
            body += table(blk[1])
    if landscape:
        sect = '<w:sectPr><w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/><w:pgMar w:top="1134" w:right="1134" w:bottom="1134" w:left="1134" w:header="567" w:footer="567" w:gutter="0"/></w:sectPr>'
    else:
        sect = '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1701" w:right="1418" w:bottom="1418" w:left="1418" w:header="851" w:footer="851" w:gutter="0"/></w:sectPr>'
    doc = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {W}><w:body>{body}{sect}</w:body></w:document>'
    styles = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:styles {W}><w:docDefaults><w:rPrDefault><w:rPr>'
              '<w:rFonts w:ascii="Noto Sans CJK JP" w:hAnsi="Noto Sans CJK JP" w:eastAsia="Noto Sans CJK JP" w:cs="Noto Sans CJK JP"/>'
              f'<w:sz w:val="{font_sz}"/><w:szCs w:val="{font_sz}"/><w:lang w:val="en-US" w:eastAsia="ja-JP"/></w:rPr></w:rPrDefault>'
              '<w:pPrDefault><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults></w:styles>')
    ct = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
          '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
          '<Default Extension="xml" ContentType="application/xml"/>'
          '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
          '<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/></Types>')
    rels = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>')
    drels = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
             '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>')
    with zipfile.ZipFile(F + name, 'w', zipfile.ZIP_DEFLATED) as z:
        for n, d in [('[Content_Types].xml', ct), ('_rels/.rels', rels), ('word/_rels/document.xml.rels', drels),
                     ('word/document.xml', doc), ('word/styles.xml', styles)]:
            zi = zipfile.ZipInfo(n, date_time=(2024, 1, 1, 0, 0, 0))
            zi.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(zi, d)


# ---------------------------------------------------------------------------------------------
# 210: one small table per numbered target (a label cell merged down, a header row with bare
# era years `５年度現状値`, the value row, a 設定理由 row spanning the value columns).
w210 = [700, 3900, 800, 1600, 1600]
GREY = 'E7E6E6'


def item210(label, base_head, name, unit, now, goal, reason):
    return ('tbl', {'widths': w210, 'rows': [
        [{'t': label, 'vm': 'restart', 'jc': 'center', 'fill': GREY},
         {'t': '数値目標項目', 'jc': 'center', 'fill': GREY}, {'t': '単位', 'jc': 'center', 'fill': GREY},
         {'t': base_head, 'jc': 'center', 'fill': GREY}, {'t': '11年度目標値', 'jc': 'center', 'fill': GREY}],
        [{'vm': 'cont', 'fill': GREY}, {'t': name}, {'t': unit, 'jc': 'center'},
         {'t': now, 'jc': 'right'}, {'t': goal, 'jc': 'right'}],
        [{'vm': 'cont', 'fill': GREY}, {'t': '設定理由', 'jc': 'center', 'fill': GREY},
         {'t': reason, 'span': 3, 'sz': 18}],
    ]})


build('210-docx-one-small-table-per-numbered-target-merged-label-bare-era-year-headers-reason-row.docx', [
    ('p', '仮想県地域福祉支援計画（第５期）数値目標（案）', {'b': True, 'sz': 26, 'jc': 'center', 'after': 200}),
    ('p', '（基本目標１）', {'b': True}),
    ('p', '1　地域の支え合いの推進', {'b': True, 'before': 120}),
    item210('1-1', '５年度現状値', '小地域福祉活動を行う組織を設置している市町数', '市町', '14', '22',
            'これからは小地域での活動が地域福祉推進の鍵を握るため、毎年1市町以上の増加を想定して目標を設定した。'),
    ('p', '2　市町社会福祉協議会の活動支援', {'b': True, 'before': 200}),
    item210('1-2', '６年度現状値', '市町社会福祉協議会の第三者評価の実施件数（累計）', '件', '4', '14',
            '第三者評価を市町社協の活動診断の手段として位置づけ、毎年2か所の実施を想定して目標を設定した。'),
    ('p', '3　福祉教育の推進', {'b': True, 'before': 200}),
    item210('1-3', '５年度現状値', '福祉教育に取り組んでいる市町社会福祉協議会数', '法人', '19', '25',
            '福祉教育を地域福祉推進の重要課題と位置づけ、未実施の社協（全29法人中10法人）に毎年1法人以上働きかける想定で設定した。'),
    ('p', '4　多様な主体の活動支援', {'b': True, 'before': 200}),
    item210('1-4', '５年度現状値', 'ボランティア活動者の登録人数（延べ人数）', '人', '58,240', '60,000',
            '啓発を引き続き行い、大規模災害のない年において現状の水準（約5.8万人）以上を維持する想定で設定した。'),
    ('p', '5　地域公益活動の推進', {'b': True, 'before': 200}),
    item210('1-5', '６年度現状値', '県域の地域公益活動に参画している社会福祉法人数', '法人', '0', '120',
            '広域の地域公益活動にできるだけ多くの法人が関わる必要があるため、6年後に県内法人（約300法人）の4割の参画をめざす。'),
    ('p', '（基本目標２）', {'b': True, 'before': 300}),
    ('p', '6　生活困窮者への包括的な支援', {'b': True, 'before': 120}),
    item210('2-1', '５年度現状値', '自立相談支援機関の新規相談受付件数', '件', '3,812', '4,200',
            '相談窓口の周知を強化し、潜在的な相談者を早期に支援につなぐため、年1.6%程度の増加を想定して設定した。'),
    ('p', '7　権利擁護の推進', {'b': True, 'before': 200}),
    item210('2-2', '５年度現状値', '成年後見制度の市町長申立件数', '件', '96', '130',
            '身寄りのない高齢者等の増加に対応し、必要な人が制度を利用できるよう、5年間で約35%の増加をめざす。'),
])


# ---------------------------------------------------------------------------------------------
# 211: a hospital's 主な経営指標の進捗状況: the name and its unit `(%)` in two cells, three value
# columns (前年度実績 / 計画 / 実績), a difference column blank in the later rows, and a
# 点検・評価 prose column merged down over groups of rows.
w211 = [2300, 600, 1000, 1000, 1000, 1000, 2800]
H = 'DDEBF7'


def r211(name, unit, a, p, r, d, prose=None, vm=None):
    cells = [{'t': name}, {'t': unit, 'jc': 'center'}, {'t': a, 'jc': 'right'}, {'t': p, 'jc': 'right'},
             {'t': r, 'jc': 'right'}, {'t': d, 'jc': 'right'}]
    if vm == 'restart':
        cells.append({'t': prose, 'vm': 'restart', 'va': 'top', 'sz': 16})
    else:
        cells.append({'vm': 'cont'})
    return cells


build('211-docx-hospital-indicators-unit-cell-plan-against-actual-difference-column-merged-prose-column.docx', [
    ('p', '若葉市立病院中期経営計画　令和５年度　点検・評価', {'b': True, 'sz': 24}),
    ('p', '２　主な経営指標の進捗状況について', {'b': True, 'before': 160, 'after': 120}),
    ('tbl', {'widths': w211, 'sz': 18, 'rows': [
        [{'t': '', 'span': 2, 'fill': H}, {'t': '４年度\n実績', 'jc': 'center', 'fill': H},
         {'t': '５年度\n計画', 'jc': 'center', 'fill': H}, {'t': '５年度\n実績', 'jc': 'center', 'fill': H},
         {'t': '計画と\n実績の比較', 'jc': 'center', 'fill': H}, {'t': '点検・評価', 'jc': 'center', 'fill': H}],
        r211('経常収支比率', '(%)', '98.7', '100.2', '99.1', '-1.1',
             '収益面では、入院・外来ともに診療単価が上昇したことで医業収益は前年度より増加したものの、費用面では物価高騰に伴う光熱水費や材料費の増加により、経常収支は△152百万円となり、計画値を下回った。', 'restart'),
        r211('医業収支比率', '(%)', '92.4', '94.0', '93.2', '-0.8'),
        r211('1日当り入院患者数', '(人)', '241.6', '255.0', '246.3', '-8.7',
             '前年度に比べ新規入院患者数は増加したが、平均在院日数の短縮により延患者数は計画値を下回った。入院診療単価は、手術件数（2,184件）の増加等により計画値を上回った。', 'restart'),
        r211('患者1人1日当り\n診療収入（入院）', '(円)', '52,318', '53,500', '54,102', '602'),
        r211('1日当り外来患者数', '(人)', '612.4', '630.0', '618.9', '-11.1',
             '地域の診療所への逆紹介を進めた結果、外来患者数は計画値を下回ったが、外来化学療法の件数増加により外来診療単価は計画値を上回った。', 'restart'),
        r211('患者1人1日当り\n診療収入（外来）', '(円)', '14,206', '14,600', '14,851', '251'),
        r211('病床利用率（一般病床）', '(%)', '74.8', '79.0', '76.2', '',
             '病床利用率は前年度から1.4ポイント改善したが計画値には届かなかった。職員給与費比率は、医業収益の増加により前年度から1.3ポイント改善した。', 'restart'),
        r211('平均在院日数\n（一般病床）', '(日)', '12.9', '12.5', '12.4', ''),
        r211('職員給与費比率', '(%)', '58.3', '56.5', '57.0', ''),
        r211('材料費比率', '(%)', '21.6', '22.5', '22.1', ''),
    ]}),
    ('p', '※比率は医業収益に対する割合。計画値は令和３年３月策定時の値。', {'sz': 18, 'before': 80}),
])


# ---------------------------------------------------------------------------------------------
# 212: a town strategy's 数値目標の考え方, landscape, eight columns; values with their period
# glued in parentheses after them (`214人 (R2)`, `200人以下 (R7)`, `4.6件 (H28-R3の年平均)`).
w212 = [450, 1050, 2000, 2900, 1450, 1600, 1700, 3400]
build('212-docx-landscape-strategy-targets-rationale-values-with-short-era-years-in-parentheses-spans.docx', [
    ('p', '「若葉町まち・ひと・しごと創生総合戦略（第２期）」における数値目標の考え方', {'b': True, 'sz': 24}),
    ('p', '令和４年３月　北海道若葉町', {'jc': 'right', 'after': 120}),
    ('tbl', {'widths': w212, 'sz': 16, 'rows': [
        [{'t': 'No', 'jc': 'center', 'fill': 'D9D9D9'}, {'t': '基本目標', 'jc': 'center', 'fill': 'D9D9D9'},
         {'t': '指標', 'jc': 'center', 'fill': 'D9D9D9'}, {'t': '指標の定義', 'jc': 'center', 'fill': 'D9D9D9'},
         {'t': '出所\n（把握方法）', 'jc': 'center', 'fill': 'D9D9D9'}, {'t': '直近の実績値', 'jc': 'center', 'fill': 'D9D9D9'},
         {'t': '数値目標', 'jc': 'center', 'fill': 'D9D9D9'}, {'t': '設定の考え方', 'jc': 'center', 'fill': 'D9D9D9'}],
        [{'t': '1', 'jc': 'center'}, {'t': '基本目標1'}, {'t': '完全失業者数'},
         {'t': '15歳以上の労働力人口のうち、仕事についておらず、仕事があればすぐつくことができる者で、仕事を探す活動をしていた者の数'},
         {'t': '国勢調査'}, {'t': '214人 (R2)'}, {'t': '200人以下 (R7)'},
         {'t': '完全失業者数の増加傾向に歯止めをかけるため、平成27年（207人）と同水準以下を目指す。'}],
        [{'t': '2', 'jc': 'center'}, {'t': '基本目標1'}, {'t': '納税義務者1人当たり課税対象所得'},
         {'t': '課税対象所得を納税義務者数（所得割）で除して算出した金額'},
         {'t': '市町村税課税状況等の調'}, {'t': '2,684千円 (R3)'}, {'t': '2,800千円 (R8)'},
         {'t': '近年の最大値である令和元年（2,761千円）を上回る水準を目指す。'}],
        [{'t': '3', 'jc': 'center'}, {'t': '基本目標1'}, {'t': '温室効果ガス総排出量（CO2換算）'},
         {'t': '町域から排出される温室効果ガスの総量をCO2に換算した量'},
         {'t': '役場調べ'}, {'t': '41,820 t-CO2 (R1)'}, {'t': '36,000 t-CO2以下 (R8)'},
         {'t': 'ゼロカーボン推進計画の中間目標値と同一とする。'}],
        [{'t': '4', 'jc': 'center'}, {'t': '基本目標1'}, {'t': 'ごみ総排出量'},
         {'t': '観光客が排出する分も含め、一般廃棄物として処理されている廃棄物の量（産業廃棄物は除く）を住民1人1日当たりに換算'},
         {'t': '役場調べ'}, {'t': '962g/人日 (R2)'}, {'t': '940g/人日以下 (R8)'},
         {'t': '観光客（延べ48万人泊（令和2年度））とともにごみ総排出量は増加傾向にあるが、全国平均（901g/人日）に近づけることを目指す。'}],
        [{'t': '5', 'jc': 'center'}, {'t': '基本目標1'}, {'t': '新設事業所数'},
         {'t': '経済センサスの「新設事業所」を年平均に換算した件数'},
         {'t': '経済センサス'}, {'t': '4.6件 (H28-R3の年平均)'}, {'t': '5件 (R4-8の年平均)'},
         {'t': '創業支援の強化により、年平均5件の新設を目指す。'}],
        [{'t': '6', 'jc': 'center'}, {'t': '基本目標2'}, {'t': '移住相談窓口を通じた移住者数'},
         {'t': '町の移住相談窓口・お試し暮らし住宅を利用した後、町内に転入した人の数'},
         {'t': '役場調べ'}, {'t': '新規'}, {'t': '60人 (R4-8の合計)'},
         {'t': '戦略期間の5年間で、年平均12人の移住を目指す。'}],
        [{'t': '7', 'jc': 'center'}, {'t': '基本目標2'}, {'t': '観光入込客数'},
         {'t': '町内の観光施設・宿泊施設等を訪れた観光客の延べ人数（年度）'},
         {'t': '北海道観光入込客数調査'}, {'t': '1,482千人 (R3)'}, {'t': '1,800千人 (R8)'},
         {'t': '感染症の影響前の平成30年度（1,756千人）を上回る水準への回復を目指す。'}],
        [{'t': '8', 'jc': 'center'}, {'t': '基本目標3'}, {'t': '合計特殊出生率'},
         {'t': '15～49歳の女性の年齢別出生率を合計したもの'},
         {'t': '人口動態統計（北海道保健統計年報）'}, {'t': '1.42 (R3)'}, {'t': '1.60 (R8)'},
         {'t': '人口ビジョンの将来展望（2040年に1.80）に向けた中間値とする。'}],
    ]}),
], landscape=True, font_sz=18)


# ---------------------------------------------------------------------------------------------
# 213: a city's 政策評価 基本施策 sheet: 成果指標 grid, each indicator three rows (目標値 / 実績値 /
# 達成率) with its name, 基準値（時期） and the ⇧ / ⇩ 区分 merged down, five year columns.
w213 = [2500, 1300, 500, 800, 860, 860, 860, 860, 860]
G = 'F2F2F2'


def ind213(name, base, arrow, tgt, act, rate):
    rows = []
    for k, (lab, vals) in enumerate([('目標値', tgt), ('実績値', act), ('達成率', rate)]):
        vm = 'restart' if k == 0 else 'cont'
        row = [{'t': name, 'vm': vm}, {'t': base, 'vm': vm, 'jc': 'center'}, {'t': arrow, 'vm': vm, 'jc': 'center'},
               {'t': lab, 'jc': 'center', 'fill': G}]
        row += [{'t': v, 'jc': 'right'} for v in vals]
        rows.append(row)
    return rows


rows213 = [[{'t': '指標名', 'jc': 'center', 'fill': G}, {'t': '基準値\n（時期）', 'jc': 'center', 'fill': G},
            {'t': '区分', 'jc': 'center', 'fill': G}, {'t': '', 'fill': G}] +
           [{'t': y, 'jc': 'center', 'fill': G} for y in ['R1', 'R2', 'R3', 'R4', 'R5']]]
rows213 += ind213('子育てに不安や負担を感じる保護者の割合', '38.6%\n（29年度）', '⇩',
                  ['37.5', '37.0', '36.5', '36.0', '35.5'], ['37.9', '36.1', '36.8', '35.2', '34.9'],
                  ['98.9%', '102.5%', '99.2%', '102.3%', '101.7%'])
rows213 += ind213('地域子育て支援拠点の利用者数', '61,240人\n（30年度）', '⇧',
                  ['63,000', '64,000', '65,000', '66,000', '67,000'], ['64,118', '38,452', '45,903', '58,771', '66,205'],
                  ['101.8%', '60.1%', '70.6%', '89.0%', '98.8%'])
rows213 += ind213('病児・病後児保育の延べ利用者数', '1,812人\n（30年度）', '⇧',
                  ['1,900', '2,000', '2,100', '2,200', '2,300'], ['※', '1,128', '1,587', '2,041', '2,356'],
                  ['※', '56.4%', '75.6%', '92.8%', '102.4%'])
rows213 += ind213('保育所等の待機児童数', '42人\n（31年4月）', '⇩',
                  ['30', '20', '10', '0', '0'], ['28', '19', '6', '0', '0'],
                  ['107.1%', '105.3%', '166.7%', '－', '－'])
rows213 += ind213('ファミリー・サポート・センターの提供会員数', '486人\n（30年度）', '⇧',
                  ['500', '520', '540', '560', '580'], ['498', '503', '531', '549', '566'],
                  ['99.6%', '96.7%', '98.3%', '98.0%', '97.6%'])

build('213-docx-policy-evaluation-grid-target-actual-rate-row-triples-merged-names-arrows-base-with-period.docx', [
    ('p', '基本施策C3　安心して子どもを産み育てられる環境をつくります', {'b': True, 'sz': 24}),
    ('p', '主管課：こども政策課', {'jc': 'right'}),
    ('p', '個別施策', {'b': True, 'before': 100}),
    ('p', 'C3-1　妊娠・出産・子育ての切れ目のない支援を行います\nC3-2　多様な保育ニーズに対応します\nC3-3　地域全体で子育てを支える仕組みをつくります'),
    ('p', 'ア　施策の目的', {'b': True, 'before': 160}),
    ('p', '子育て世帯が、地域の支えを受けながら安心して子どもを育てている'),
    ('p', 'イ　基本施策の評価', {'b': True, 'before': 160}),
    ('p', 'Bb　目標を一部達成しているものの、目的達成に向けた課題の克服などがやや遅れている'),
    ('p', 'ウ　成果指標　（「⇧」は目標値を上回ることが望ましい指標、「⇩」は目標値を下回ることが望ましい指標）', {'b': True, 'before': 160, 'after': 80}),
    ('tbl', {'widths': w213, 'sz': 17, 'rows': rows213}),
    ('p', '※病児・病後児保育の令和元年度実績は、集計方法の変更により把握できないため「※」としている。\n※⇩の指標の達成率は、目標値÷実績値により算出している。', {'sz': 17, 'before': 80}),
    ('p', 'エ　評価結果の妥当性', {'b': True, 'before': 160}),
    ('p', '地域子育て支援拠点の利用者数は、令和2年度に感染症対策のため利用人数を制限したことにより大きく減少したが、令和5年度には基準値（61,240人）を上回る水準まで回復している。'),
])
print('ok')
