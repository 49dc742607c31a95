//! `/plans/{code}/organizations`: who carries the plan out — the support institutions (支援機関)
//! against the roles the plan names (a matrix, as 004 prints it), and the committee's members.

use askama::Template;
use axum::extract::{Path, State};
use shinchoku_core::plan::Organization;
use shinchoku_core::Lang;

use super::plan::{load, tabs, Tab};
use super::{render, segment, Layout, Rendered};
use crate::i18n::{texts, RequestLang};
use crate::{App, PageError};

/// The phrases of this page.
#[derive(Debug)]
pub struct Words {
    pub institutions: &'static str,
    pub institution: &'static str,
    pub matrix: &'static str,
    pub yes: &'static str,
    pub no: &'static str,
    pub no_institutions: &'static str,
    pub members: &'static str,
    pub name: &'static str,
    pub reading: &'static str,
    pub organization: &'static str,
    pub position: &'static str,
    pub no_members: &'static str,
}

static JA: Words = Words {
    institutions: "支援機関と役割",
    institution: "支援機関",
    matrix: "支援機関ごとの役割（●が該当）",
    yes: "該当",
    no: "該当なし",
    no_institutions: "この計画には支援機関の記載がありません。",
    members: "委員名簿",
    name: "氏名",
    reading: "ふりがな",
    organization: "所属",
    position: "役職",
    no_members: "この計画には委員名簿がありません。",
};

static EN: Words = Words {
    institutions: "Support institutions and their roles",
    institution: "Institution",
    matrix: "The roles of each support institution (● where it plays the role)",
    yes: "yes",
    no: "no",
    no_institutions: "This plan names no support institutions.",
    members: "Committee members",
    name: "Name",
    reading: "Reading",
    organization: "Organisation",
    position: "Position",
    no_members: "This plan lists no committee members.",
};

fn words(lang: Lang) -> &'static Words {
    crate::i18n::pick(lang, &JA, &EN)
}

/// One institution's row of the matrix: whether it plays each role, in the roles' order.
#[derive(Debug)]
pub struct OrgRow {
    pub name: String,
    pub cells: Vec<bool>,
}

/// One committee member.
#[derive(Debug)]
pub struct MemberRow {
    pub name: String,
    pub reading: String,
    pub organization: String,
    pub position: String,
}

#[derive(Template)]
#[template(path = "organizations.html")]
struct Page {
    l: Layout,
    w: &'static Words,
    tabs: Vec<Tab>,
    title: String,
    roles: Vec<String>,
    orgs: Vec<OrgRow>,
    members: Vec<MemberRow>,
}

/// `GET /plans/{code}/organizations`.
pub async fn page(
    State(app): State<App>,
    Path(code): Path<String>,
    lang: RequestLang,
) -> Result<Rendered, PageError> {
    let lang = lang.lang;
    let ev = load(&app, &code, lang).await?;
    let plan = &ev.plan;
    let t = texts(lang);
    let (roles, orgs) = matrix(&plan.organizations);
    let base = format!("/plans/{}", segment(plan.code.as_str()));
    let l = Layout::new(lang, &format!("{base}/organizations"))
        .titled(format!("{} | {}", t.organizations, plan.title))
        .crumb(t.dashboard, Some("/".into()))
        .crumb(plan.title.clone(), Some(base))
        .crumb(t.organizations, None);
    let or_dash = |s: &Option<String>| {
        s.as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .unwrap_or("—")
            .to_owned()
    };
    render(
        lang,
        &Page {
            l,
            w: words(lang),
            tabs: tabs(plan, lang, "/organizations"),
            title: plan.title.clone(),
            roles,
            orgs,
            members: plan
                .members
                .iter()
                .map(|m| MemberRow {
                    name: m.name.clone(),
                    reading: or_dash(&m.reading),
                    organization: or_dash(&m.organization),
                    position: or_dash(&m.position),
                })
                .collect(),
        },
    )
}

/// The columns (every role any institution plays, in the order they first appear) and a row
/// per institution.
fn matrix(orgs: &[Organization]) -> (Vec<String>, Vec<OrgRow>) {
    let mut roles: Vec<String> = Vec::new();
    for role in orgs.iter().flat_map(|o| &o.roles) {
        let role = role.trim();
        if !role.is_empty() && !roles.iter().any(|r| r == role) {
            roles.push(role.to_owned());
        }
    }
    let rows = orgs
        .iter()
        .map(|o| OrgRow {
            name: o.name.clone(),
            cells: roles
                .iter()
                .map(|r| o.roles.iter().any(|x| x.trim() == r))
                .collect(),
        })
        .collect();
    (roles, rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_matrix_has_every_role_once_in_the_order_first_seen() {
        let org = |name: &str, roles: &[&str]| Organization {
            name: name.into(),
            roles: roles.iter().map(|r| (*r).to_owned()).collect(),
        };
        let (roles, rows) = matrix(&[
            org("財団", &["創業支援", "技術支援"]),
            org("センター", &["技術支援", " 金融支援 ", ""]),
        ]);
        assert_eq!(roles, ["創業支援", "技術支援", "金融支援"]);
        assert_eq!(rows[0].cells, [true, true, false]);
        assert_eq!(rows[1].cells, [false, true, true]);
    }
}
