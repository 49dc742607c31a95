//! `/admin`: accounts, departments and their assignments, for administrators.
//!
//! An account made here gets a generated password, shown once on the page that confirms it
//! (the administrator passes it on; nobody types a password into someone else's form). The
//! command line does the same with a password read from standard input (`shinchoku user add`).
//! Departments are the names accounts and assignments carry; a department owns a node of a
//! plan (or the whole plan), and the node's children and their indicators inherit it.

use std::collections::BTreeMap;

use askama::Template;
use axum::extract::State;
use axum::http::{Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::Form;
use serde::Deserialize;
use shinchoku_core::Lang;
use shinchoku_store::{NewUser, StoreError};

use super::{render, Layout};
use crate::accounts::{to_login, Role, Visitor};
use crate::auth::{hash_password, new_password};
use crate::i18n::{pick, RequestLang};
use crate::{App, PageError};

/// The admin page's words.
#[derive(Debug)]
pub struct Words {
    pub heading: &'static str,
    pub users: &'static str,
    pub name: &'static str,
    pub role: &'static str,
    pub group: &'static str,
    pub email: &'static str,
    pub created: &'static str,
    pub remove: &'static str,
    pub add_user: &'static str,
    pub add: &'static str,
    pub departments: &'static str,
    pub plan: &'static str,
    pub node: &'static str,
    pub node_hint: &'static str,
    pub whole_plan: &'static str,
    pub assign: &'static str,
    pub unassign: &'static str,
    pub none: &'static str,
    pub not_admin: &'static str,
    pub expired: &'static str,
    pub added: &'static str,
    pub removed: &'static str,
    pub assigned: &'static str,
    pub unassigned: &'static str,
    pub name_needed: &'static str,
    pub group_needed: &'static str,
    pub taken: &'static str,
    pub no_user: &'static str,
    pub no_plan: &'static str,
    pub no_node: &'static str,
    pub self_remove: &'static str,
}

static JA: Words = Words {
    heading: "管理",
    users: "アカウント",
    name: "ユーザー名",
    role: "役割",
    group: "担当課",
    email: "メールアドレス",
    created: "作成日時",
    remove: "削除",
    add_user: "アカウントの追加",
    add: "追加",
    departments: "担当課の割り当て",
    plan: "計画",
    node: "施策のID",
    node_hint: "空欄なら計画全体を割り当てます。下位の施策と指標は割り当てを引き継ぎます。",
    whole_plan: "計画全体",
    assign: "割り当て",
    unassign: "解除",
    none: "まだありません。",
    not_admin: "このページは管理者のみ利用できます。",
    expired: "フォームの確認用トークンが一致しません。ページを読み込み直してください。",
    added: "アカウントを追加しました。初期パスワード（この画面でのみ表示）",
    removed: "アカウントを削除しました",
    assigned: "割り当てました",
    unassigned: "割り当てを解除しました",
    name_needed: "ユーザー名を入力してください。",
    group_needed: "担当課の役割には担当課名が必要です。",
    taken: "このユーザー名は既に使われています。",
    no_user: "そのアカウントはありません。",
    no_plan: "その計画はありません。",
    no_node: "その計画にその施策のIDはありません。",
    self_remove: "自分自身のアカウントは削除できません。",
};

static EN: Words = Words {
    heading: "Administration",
    users: "Accounts",
    name: "User name",
    role: "Role",
    group: "Department",
    email: "E-mail",
    created: "Created",
    remove: "Remove",
    add_user: "Add an account",
    add: "Add",
    departments: "Departments' assignments",
    plan: "Plan",
    node: "Node id",
    node_hint: "Empty assigns the whole plan. Child nodes and their indicators inherit it.",
    whole_plan: "whole plan",
    assign: "Assign",
    unassign: "Unassign",
    none: "None yet.",
    not_admin: "Only administrators can use this page.",
    expired: "The form's token does not match; reload the page.",
    added: "Account added. Its first password (shown only here)",
    removed: "Account removed",
    assigned: "Assigned",
    unassigned: "Assignment removed",
    name_needed: "Enter a user name.",
    group_needed: "A department editor needs a department.",
    taken: "This user name is taken.",
    no_user: "There is no such account.",
    no_plan: "There is no such plan.",
    no_node: "The plan has no node with that id.",
    self_remove: "You cannot remove your own account.",
};

/// An account as listed.
#[derive(Debug)]
pub struct UserRow {
    pub name: String,
    pub role: String,
    pub group: String,
    pub email: String,
    pub created: String,
}

/// One assignment as listed.
#[derive(Debug)]
pub struct AssignmentRow {
    pub plan: String,
    pub node: String,
    pub node_label: String,
}

/// A department with what it owns.
#[derive(Debug)]
pub struct Department {
    pub name: String,
    pub members: usize,
    pub assignments: Vec<AssignmentRow>,
}

/// A role as an option.
#[derive(Debug)]
pub struct RoleOption {
    pub value: &'static str,
    pub label: &'static str,
}

#[derive(Template)]
#[template(path = "admin.html")]
struct Page {
    l: Layout,
    w: &'static Words,
    csrf: String,
    users: Vec<UserRow>,
    departments: Vec<Department>,
    roles: Vec<RoleOption>,
    plans: Vec<String>,
    notice: Option<String>,
    secret: Option<String>,
    error: Option<String>,
}

/// The signed-in administrator, else the sign-in page or 403.
fn admin(visitor: &Visitor, lang: Lang, method: &Method, uri: &Uri) -> Result<(), Response> {
    match &visitor.account {
        None => Err(to_login(method, uri)),
        Some(a) if a.role == Role::Admin => Ok(()),
        Some(_) => Err(
            PageError::Forbidden(lang, pick(lang, &JA, &EN).not_admin.to_owned()).into_response(),
        ),
    }
}

/// [`admin`], and the form's anti-forgery token: what every form of the page checks first.
fn admin_form(
    visitor: &Visitor,
    lang: Lang,
    method: &Method,
    uri: &Uri,
    csrf: &str,
) -> Result<(), Response> {
    admin(visitor, lang, method, uri)?;
    if !visitor.csrf_ok(Some(csrf)) {
        let expired = pick(lang, &JA, &EN).expired.to_owned();
        return Err(PageError::Forbidden(lang, expired).into_response());
    }
    Ok(())
}

struct Outcome {
    status: StatusCode,
    notice: Option<String>,
    secret: Option<String>,
    error: Option<String>,
}

impl Outcome {
    fn ok() -> Outcome {
        Outcome {
            status: StatusCode::OK,
            notice: None,
            secret: None,
            error: None,
        }
    }

    fn done(notice: String) -> Outcome {
        Outcome {
            notice: Some(notice),
            ..Outcome::ok()
        }
    }

    fn refused(status: StatusCode, error: &str) -> Outcome {
        Outcome {
            status,
            error: Some(error.to_owned()),
            ..Outcome::ok()
        }
    }
}

async fn page(app: &App, visitor: &Visitor, lang: Lang, outcome: Outcome) -> Response {
    let w = pick(lang, &JA, &EN);
    let built = async {
        let users = app.store().users().await?;
        let assignments = app.store().assignments(None).await?;
        let summaries = app.plans().list().await?;
        Ok::<_, StoreError>((users, assignments, summaries))
    }
    .await;
    let (users, assignments, summaries) = match built {
        Ok(x) => x,
        Err(e) => return PageError::Store(lang, e).into_response(),
    };
    let mut departments: BTreeMap<String, Department> = BTreeMap::new();
    for u in &users {
        if let Some(g) = &u.group {
            departments
                .entry(g.clone())
                .or_insert_with(|| Department {
                    name: g.clone(),
                    members: 0,
                    assignments: Vec::new(),
                })
                .members += 1;
        }
    }
    for a in &assignments {
        departments
            .entry(a.group.clone())
            .or_insert_with(|| Department {
                name: a.group.clone(),
                members: 0,
                assignments: Vec::new(),
            })
            .assignments
            .push(AssignmentRow {
                plan: a.plan.clone(),
                node: a.node.clone().unwrap_or_default(),
                node_label: a.node.clone().unwrap_or_else(|| w.whole_plan.to_owned()),
            });
    }
    let p = Page {
        l: Layout::new(lang, "/admin")
            .titled(w.heading)
            .crumb(w.heading, None),
        w,
        csrf: visitor.csrf.clone().unwrap_or_default(),
        users: users
            .into_iter()
            .map(|u| UserRow {
                role: Role::parse(&u.role).map_or(u.role.clone(), |r| r.label(lang).to_owned()),
                name: u.name,
                group: u.group.unwrap_or_default(),
                email: u.email.unwrap_or_default(),
                created: u
                    .created_at
                    .replace('T', " ")
                    .trim_end_matches('Z')
                    .to_owned(),
            })
            .collect(),
        departments: departments.into_values().collect(),
        roles: Role::ALL
            .into_iter()
            .map(|r| RoleOption {
                value: r.as_str(),
                label: r.label(lang),
            })
            .collect(),
        plans: summaries.iter().map(|s| s.code.clone()).collect(),
        notice: outcome.notice,
        secret: outcome.secret,
        error: outcome.error,
    };
    match render(lang, &p) {
        Ok(r) => (outcome.status, r).into_response(),
        Err(e) => e.into_response(),
    }
}

/// `GET /admin`.
pub async fn show(
    State(app): State<App>,
    lang: RequestLang,
    visitor: Visitor,
    method: Method,
    uri: Uri,
) -> Response {
    let lang = lang.lang;
    if let Err(r) = admin(&visitor, lang, &method, &uri) {
        return r;
    }
    page(&app, &visitor, lang, Outcome::ok()).await
}

/// The add-account form.
#[derive(Debug, Deserialize)]
pub struct AddUser {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    role: String,
    #[serde(default)]
    group: String,
    #[serde(default)]
    email: String,
}

/// `POST /admin/users`: adds an account with a generated password, shown once.
pub async fn add_user(
    State(app): State<App>,
    lang: RequestLang,
    visitor: Visitor,
    method: Method,
    uri: Uri,
    Form(f): Form<AddUser>,
) -> Response {
    let lang = lang.lang;
    let w = pick(lang, &JA, &EN);
    if let Err(r) = admin_form(&visitor, lang, &method, &uri, &f.csrf) {
        return r;
    }
    let name = f.name.trim();
    let group = f.group.trim();
    let email = f.email.trim();
    let role = Role::parse(&f.role).unwrap_or(Role::Viewer);
    let bad = StatusCode::UNPROCESSABLE_ENTITY;
    if name.is_empty() || name.contains('\0') || name.chars().count() > 100 {
        return page(&app, &visitor, lang, Outcome::refused(bad, w.name_needed)).await;
    }
    if role == Role::Editor && group.is_empty() {
        return page(&app, &visitor, lang, Outcome::refused(bad, w.group_needed)).await;
    }
    let password = new_password(16);
    let Ok(hash) = tokio::task::spawn_blocking({
        let p = password.clone();
        move || hash_password(&p)
    })
    .await
    .map_err(|_| ())
    .and_then(|h| h.map_err(|_| ())) else {
        tracing::error!("password hash");
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    let user = NewUser {
        name,
        role: role.as_str(),
        group: (!group.is_empty()).then_some(group),
        email: (!email.is_empty()).then_some(email),
        password_hash: &hash,
    };
    match app.store().add_user(&user).await {
        Ok(()) => {
            let mut o = Outcome::done(format!("{}: {name}", w.added));
            o.secret = Some(password);
            page(&app, &visitor, lang, o).await
        }
        Err(StoreError::Conflict { .. }) => {
            page(
                &app,
                &visitor,
                lang,
                Outcome::refused(StatusCode::CONFLICT, w.taken),
            )
            .await
        }
        Err(e) => PageError::Store(lang, e).into_response(),
    }
}

/// The remove-account form.
#[derive(Debug, Deserialize)]
pub struct RemoveUser {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    name: String,
}

/// `POST /admin/users/remove`.
pub async fn remove_user(
    State(app): State<App>,
    lang: RequestLang,
    visitor: Visitor,
    method: Method,
    uri: Uri,
    Form(f): Form<RemoveUser>,
) -> Response {
    let lang = lang.lang;
    let w = pick(lang, &JA, &EN);
    if let Err(r) = admin_form(&visitor, lang, &method, &uri, &f.csrf) {
        return r;
    }
    if visitor.account.as_ref().is_some_and(|a| a.name == f.name) {
        return page(
            &app,
            &visitor,
            lang,
            Outcome::refused(StatusCode::UNPROCESSABLE_ENTITY, w.self_remove),
        )
        .await;
    }
    match app.store().remove_user(&f.name).await {
        Ok(()) => {
            page(
                &app,
                &visitor,
                lang,
                Outcome::done(format!("{}: {}", w.removed, f.name)),
            )
            .await
        }
        Err(StoreError::NotFound(_)) => {
            page(
                &app,
                &visitor,
                lang,
                Outcome::refused(StatusCode::NOT_FOUND, w.no_user),
            )
            .await
        }
        Err(e) => PageError::Store(lang, e).into_response(),
    }
}

/// The assignment forms.
#[derive(Debug, Deserialize)]
pub struct AssignForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    plan: String,
    #[serde(default)]
    node: String,
    #[serde(default)]
    group: String,
}

/// `POST /admin/assignments`: makes a department the owner of a node (or a whole plan).
pub async fn assign(
    State(app): State<App>,
    lang: RequestLang,
    visitor: Visitor,
    method: Method,
    uri: Uri,
    Form(f): Form<AssignForm>,
) -> Response {
    change_assignment(app, lang.lang, visitor, method, uri, f, true).await
}

/// `POST /admin/assignments/remove`.
pub async fn unassign(
    State(app): State<App>,
    lang: RequestLang,
    visitor: Visitor,
    method: Method,
    uri: Uri,
    Form(f): Form<AssignForm>,
) -> Response {
    change_assignment(app, lang.lang, visitor, method, uri, f, false).await
}

async fn change_assignment(
    app: App,
    lang: Lang,
    visitor: Visitor,
    method: Method,
    uri: Uri,
    f: AssignForm,
    add: bool,
) -> Response {
    let w = pick(lang, &JA, &EN);
    if let Err(r) = admin_form(&visitor, lang, &method, &uri, &f.csrf) {
        return r;
    }
    let bad = StatusCode::UNPROCESSABLE_ENTITY;
    let group = f.group.trim();
    let node = Some(f.node.trim()).filter(|n| !n.is_empty());
    let ev = match app.plans().get(f.plan.trim()).await {
        Ok(Some(ev)) => ev,
        Ok(None) => return page(&app, &visitor, lang, Outcome::refused(bad, w.no_plan)).await,
        Err(e) => return PageError::Store(lang, e).into_response(),
    };
    if let Some(n) = node {
        if !ev.plan.nodes.iter().any(|x| x.id == n) {
            return page(&app, &visitor, lang, Outcome::refused(bad, w.no_node)).await;
        }
    }
    let code = ev.plan.code.as_str().to_owned();
    let result = if add {
        if group.is_empty() || group.contains('\0') {
            return page(&app, &visitor, lang, Outcome::refused(bad, w.group_needed)).await;
        }
        app.store()
            .assign(&code, node, group)
            .await
            .map(|()| w.assigned)
    } else {
        app.store()
            .unassign(&code, node)
            .await
            .map(|_| w.unassigned)
    };
    match result {
        Ok(done) => {
            let what = format!("{done}: {code} {}", node.unwrap_or(w.whole_plan));
            page(&app, &visitor, lang, Outcome::done(what)).await
        }
        Err(e) => PageError::Store(lang, e).into_response(),
    }
}
