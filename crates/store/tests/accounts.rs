//! Accounts, sessions, tokens, throttling and departments' assignments, on SQLite and on
//! PostgreSQL alike.

#![allow(clippy::unwrap_used)] // test helpers

use shinchoku_store::{Assignment, NewUser, StoreError};
use shinchoku_testkit::db::{actor, on_every_database};
use shinchoku_testkit::fixtures::example_plan;

fn user<'a>(name: &'a str, role: &'a str, group: Option<&'a str>) -> NewUser<'a> {
    NewUser {
        name,
        role,
        group,
        email: None,
        password_hash: "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA",
    }
}

#[test]
fn a_session_names_its_account_until_it_ends_and_a_removed_account_has_none() {
    on_every_database(|store, db| async move {
        store
            .add_user(&user("sato", "editor", Some("商工振興課")))
            .await
            .unwrap();
        let sato = store.user("sato").await.unwrap().unwrap();
        assert_eq!(sato.group.as_deref(), Some("商工振興課"), "{db}");
        assert!(store.user("nobody").await.unwrap().is_none(), "{db}");

        store
            .create_session("hash-a", sato.id, "csrf-a", 3600)
            .await
            .unwrap();
        store
            .create_session("hash-old", sato.id, "csrf-old", -10)
            .await
            .unwrap();
        let s = store.session("hash-a").await.unwrap().unwrap();
        assert_eq!((s.user.name.as_str(), s.csrf.as_str()), ("sato", "csrf-a"));
        assert!(
            store.session("hash-old").await.unwrap().is_none(),
            "{db}: an expired session signs nobody in"
        );
        assert!(store.session("hash-b").await.unwrap().is_none(), "{db}");

        store.add_token("sato", "token-hash", None).await.unwrap();
        assert_eq!(
            store
                .token_user("token-hash")
                .await
                .unwrap()
                .map(|u| u.name),
            Some("sato".to_owned()),
            "{db}"
        );
        assert!(matches!(
            store.add_token("nobody", "t2", None).await,
            Err(StoreError::NotFound(_))
        ));

        store.end_session("hash-a").await.unwrap();
        assert!(store.session("hash-a").await.unwrap().is_none(), "{db}");

        store
            .create_session("hash-c", sato.id, "csrf-c", 3600)
            .await
            .unwrap();
        store.remove_user("sato").await.unwrap();
        assert!(store.user("sato").await.unwrap().is_none(), "{db}");
        assert!(store.session("hash-c").await.unwrap().is_none(), "{db}");
        assert!(store.token_user("token-hash").await.unwrap().is_none());
        assert!(matches!(
            store.remove_user("sato").await,
            Err(StoreError::NotFound(_))
        ));
        assert!(matches!(
            store.add_user(&user("taken", "viewer", None)).await,
            Ok(())
        ));
        assert!(matches!(
            store.add_user(&user("taken", "viewer", None)).await,
            Err(StoreError::Conflict { .. })
        ));
    });
}

#[test]
fn failed_sign_ins_count_per_account_and_per_address_within_the_window() {
    on_every_database(|store, db| async move {
        for _ in 0..3 {
            store
                .record_login_failure("sato", "192.0.2.1", 900)
                .await
                .unwrap();
        }
        store
            .record_login_failure("suzuki", "192.0.2.1", 900)
            .await
            .unwrap();
        let f = store
            .login_failures("sato", "192.0.2.1", 900)
            .await
            .unwrap();
        assert_eq!((f.account, f.address), (3, 4), "{db}");
        let f = store
            .login_failures("sato", "192.0.2.9", 900)
            .await
            .unwrap();
        assert_eq!((f.account, f.address), (3, 0), "{db}");
        store.clear_login_failures("sato").await.unwrap();
        let f = store
            .login_failures("sato", "192.0.2.1", 900)
            .await
            .unwrap();
        assert_eq!((f.account, f.address), (0, 1), "{db}");
    });
}

#[test]
fn a_department_owns_a_node_or_a_whole_plan_and_a_new_owner_replaces_the_old() {
    on_every_database(|store, db| async move {
        let plan = example_plan("design-example.toml");
        let code = plan.code.as_str().to_owned();
        let mut tx = store.begin().await.unwrap();
        tx.save_plan(&plan, &actor()).await.unwrap();
        tx.commit().await.unwrap();

        store.assign(&code, None, "企画課").await.unwrap();
        store.assign(&code, Some("n1"), "商工振興課").await.unwrap();
        store.assign(&code, Some("n1"), "観光課").await.unwrap();
        let got = store.assignments(Some(&code)).await.unwrap();
        assert_eq!(
            got,
            vec![
                Assignment {
                    plan: code.clone(),
                    node: None,
                    group: "企画課".into()
                },
                Assignment {
                    plan: code.clone(),
                    node: Some("n1".into()),
                    group: "観光課".into()
                },
            ],
            "{db}"
        );
        assert_eq!(store.assignments(None).await.unwrap(), got, "{db}");
        assert!(store.assignments(Some("other")).await.unwrap().is_empty());
        assert!(store.unassign(&code, Some("n1")).await.unwrap(), "{db}");
        assert!(!store.unassign(&code, Some("n1")).await.unwrap(), "{db}");
        assert!(matches!(
            store.assign("no-such-plan", None, "企画課").await,
            Err(StoreError::NotFound(_))
        ));
    });
}
