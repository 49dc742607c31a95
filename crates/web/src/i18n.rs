//! The words of the pages, in Japanese (the default) and English.
//!
//! Each language is one [`Texts`] value, a struct with a field per phrase, so a phrase missing
//! in one language is a compile error, not a blank on a page. The language of a request comes
//! from `?lang=` first, then the `lang` cookie (which `?lang=` sets), else Japanese.

use axum::extract::FromRequestParts;
use axum::http::header::COOKIE;
use axum::http::request::Parts;
use shinchoku_core::Lang;

/// The phrases of every page.
#[derive(Debug)]
pub struct Texts {
    /// `ja` or `en`, for `<html lang>`.
    pub code: &'static str,
    /// The application's name in the header.
    pub app: &'static str,
    /// What the application is, under its name.
    pub tagline: &'static str,
    /// The link to the other language, in that language.
    pub other_language: &'static str,
    /// The other language's code.
    pub other_code: &'static str,
    /// "Skip to the content" for keyboard users.
    pub skip: &'static str,
    /// The breadcrumb's label.
    pub breadcrumb: &'static str,
    /// The main navigation's label.
    pub nav: &'static str,
    pub dashboard: &'static str,
    pub plans: &'static str,
    pub plan: &'static str,
    pub code_label: &'static str,
    pub title: &'static str,
    pub period: &'static str,
    pub issuer: &'static str,
    pub version: &'static str,
    pub indicators: &'static str,
    pub observations: &'static str,
    pub latest_year: &'static str,
    pub grades: &'static str,
    pub no_data_year: &'static str,
    pub no_plans: &'static str,
    pub recent_changes: &'static str,
    pub no_changes: &'static str,
    pub when: &'static str,
    pub who: &'static str,
    pub what: &'static str,
    pub indicator: &'static str,
    pub value: &'static str,
    pub target: &'static str,
    pub baseline: &'static str,
    pub achievement: &'static str,
    pub progress: &'static str,
    pub grade: &'static str,
    pub unit: &'static str,
    pub evaluated_in: &'static str,
    pub structure: &'static str,
    pub filter: &'static str,
    pub search: &'static str,
    pub search_hint: &'static str,
    pub all_grades: &'static str,
    pub all_nodes: &'static str,
    pub apply: &'static str,
    pub shown: &'static str,
    pub no_match: &'static str,
    pub unassigned: &'static str,
    pub roadmap: &'static str,
    pub organizations: &'static str,
    pub diff: &'static str,
    pub report: &'static str,
    pub not_found: &'static str,
    pub not_found_body: &'static str,
    pub server_error: &'static str,
    pub server_error_body: &'static str,
    pub request_id: &'static str,
    pub back_home: &'static str,
    pub page_prev: &'static str,
    pub page_next: &'static str,
    pub page_of: &'static str,
    pub footer: &'static str,
    pub inserted: &'static str,
    pub updated: &'static str,
    pub deleted: &'static str,
}

/// Japanese, the default.
pub static JA: Texts = Texts {
    code: "ja",
    app: "進捗 shinchoku",
    tagline: "計画の進捗管理",
    other_language: "English",
    other_code: "en",
    skip: "本文へ移動",
    breadcrumb: "現在位置",
    nav: "メインメニュー",
    dashboard: "ダッシュボード",
    plans: "計画一覧",
    plan: "計画",
    code_label: "コード",
    title: "計画名",
    period: "計画期間",
    issuer: "策定主体",
    version: "版",
    indicators: "指標",
    observations: "実績値",
    latest_year: "最新の実績年度",
    grades: "評価の内訳",
    no_data_year: "実績なし",
    no_plans: "計画はまだ登録されていません。`shinchoku import` で計画を取り込んでください。",
    recent_changes: "最近の更新",
    no_changes: "更新はまだありません。",
    when: "日時",
    who: "更新者",
    what: "内容",
    indicator: "指標",
    value: "実績値",
    target: "目標値",
    baseline: "基準値",
    achievement: "達成率",
    progress: "進捗率",
    grade: "評価",
    unit: "単位",
    evaluated_in: "評価年度",
    structure: "施策体系",
    filter: "絞り込み",
    search: "指標名で検索",
    search_hint: "指標名の一部を入力",
    all_grades: "すべての評価",
    all_nodes: "すべての施策",
    apply: "絞り込む",
    shown: "件を表示",
    no_match: "条件に合う指標はありません。",
    unassigned: "施策に位置付けのない指標",
    roadmap: "工程表",
    organizations: "推進体制",
    diff: "改定の比較",
    report: "進捗報告",
    not_found: "ページが見つかりません",
    not_found_body: "お探しのページは見つかりませんでした。アドレスをご確認ください。",
    server_error: "エラーが発生しました",
    server_error_body: "ページを表示できませんでした。時間をおいて再度お試しください。問い合わせの際は次の受付番号をお伝えください。",
    request_id: "受付番号",
    back_home: "ダッシュボードへ戻る",
    page_prev: "前へ",
    page_next: "次へ",
    page_of: "ページ",
    footer: "shinchoku — 公的計画の進捗管理",
    inserted: "登録",
    updated: "修正",
    deleted: "削除",
};

/// English.
pub static EN: Texts = Texts {
    code: "en",
    app: "shinchoku 進捗",
    tagline: "Progress of public plans",
    other_language: "日本語",
    other_code: "ja",
    skip: "Skip to the content",
    breadcrumb: "You are here",
    nav: "Main menu",
    dashboard: "Dashboard",
    plans: "Plans",
    plan: "Plan",
    code_label: "Code",
    title: "Title",
    period: "Period",
    issuer: "Issued by",
    version: "Version",
    indicators: "Indicators",
    observations: "Actual values",
    latest_year: "Latest year with data",
    grades: "Grades",
    no_data_year: "No data",
    no_plans: "No plan is stored yet. Import one with `shinchoku import`.",
    recent_changes: "Latest changes",
    no_changes: "Nothing has changed yet.",
    when: "When",
    who: "By",
    what: "What",
    indicator: "Indicator",
    value: "Actual",
    target: "Target",
    baseline: "Baseline",
    achievement: "Achievement",
    progress: "Progress",
    grade: "Grade",
    unit: "Unit",
    evaluated_in: "Evaluated in",
    structure: "Structure",
    filter: "Filter",
    search: "Search indicators",
    search_hint: "Part of an indicator's name",
    all_grades: "All grades",
    all_nodes: "All measures",
    apply: "Filter",
    shown: "shown",
    no_match: "No indicator matches.",
    unassigned: "Indicators outside the structure",
    roadmap: "Roadmap",
    organizations: "Organisation",
    diff: "Changes between versions",
    report: "Progress report",
    not_found: "Page not found",
    not_found_body: "The page you asked for does not exist. Please check the address.",
    server_error: "Something went wrong",
    server_error_body: "The page could not be shown. Please try again later. If you contact us, quote this reference:",
    request_id: "Reference",
    back_home: "Back to the dashboard",
    page_prev: "Previous",
    page_next: "Next",
    page_of: "Page",
    footer: "shinchoku — progress of public plans",
    inserted: "added",
    updated: "changed",
    deleted: "removed",
};

/// The texts of `lang`.
pub fn texts(lang: Lang) -> &'static Texts {
    pick(lang, &JA, &EN)
}

/// Of a page's own phrases (a struct with a `JA` and an `EN` value), those of `lang`.
pub fn pick<T>(lang: Lang, ja: &'static T, en: &'static T) -> &'static T {
    match lang {
        Lang::Ja => ja,
        Lang::En => en,
    }
}

/// The language a request asks for: `?lang=ja|en`, else the `lang` cookie, else Japanese.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RequestLang {
    /// The language.
    pub lang: Lang,
    /// It came from the query string (the response sets the cookie then).
    pub from_query: bool,
}

impl RequestLang {
    /// The language of a request with this query string and `Cookie` header.
    pub fn of(query: Option<&str>, cookie: Option<&str>) -> RequestLang {
        let asked = query.and_then(|q| {
            q.split('&')
                .filter_map(|kv| kv.split_once('='))
                .filter(|(k, _)| *k == "lang")
                .find_map(|(_, v)| parse(v))
        });
        if let Some(lang) = asked {
            return RequestLang {
                lang,
                from_query: true,
            };
        }
        let saved = cookie.and_then(|c| {
            c.split(';')
                .filter_map(|kv| kv.trim().split_once('='))
                .filter(|(k, _)| *k == "lang")
                .find_map(|(_, v)| parse(v))
        });
        RequestLang {
            lang: saved.unwrap_or(Lang::Ja),
            from_query: false,
        }
    }
}

fn parse(v: &str) -> Option<Lang> {
    match v {
        "ja" => Some(Lang::Ja),
        "en" => Some(Lang::En),
        _ => None,
    }
}

impl<S: Send + Sync> FromRequestParts<S> for RequestLang {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        let cookie = parts
            .headers
            .get_all(COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .collect::<Vec<_>>()
            .join(";");
        Ok(RequestLang::of(parts.uri.query(), Some(&cookie)))
    }
}

/// A grade's word beside its letter: the scheme's own name in Japanese, its English for the
/// built-in names.
pub fn grade_word(lang: Lang, name: &str) -> String {
    match lang {
        Lang::Ja => name.to_owned(),
        Lang::En => match name {
            "達成" => "achieved",
            "順調" => "on track",
            "やや遅れ" => "slightly behind",
            "遅れ" => "behind",
            "未把握" | "" => "no data",
            other => other,
        }
        .to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_query_wins_over_the_cookie_and_japanese_is_the_default() {
        assert_eq!(RequestLang::of(None, None).lang, Lang::Ja);
        assert_eq!(RequestLang::of(Some("lang=en"), None).lang, Lang::En);
        assert!(RequestLang::of(Some("lang=en"), None).from_query);
        assert_eq!(RequestLang::of(None, Some("a=b; lang=en")).lang, Lang::En);
        assert_eq!(
            RequestLang::of(Some("lang=ja"), Some("lang=en")).lang,
            Lang::Ja
        );
        assert_eq!(
            RequestLang::of(Some("lang=xx"), Some("lang=en")).lang,
            Lang::En
        );
        assert!(!RequestLang::of(Some("lang=xx"), None).from_query);
    }
}
