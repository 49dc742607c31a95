//! Evaluated plans, kept between requests while the data does not change.
//!
//! Loading a plan is a dozen queries and evaluating it a pass over its indicators; a page
//! shows the same plan to many readers. [`Plans`] keeps each plan evaluated at its latest
//! fiscal year with data, and drops everything when the store's [`DataStamp`] moves — which
//! any write by any process does — so a page never shows data older than the request.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};

use shinchoku_core::evaluate::{Evaluation, ForecastMethod};
use shinchoku_core::follow::{Borrowed, Followed};
use shinchoku_core::period::Period;
use shinchoku_core::plan::Plan;
use shinchoku_store::{DataStamp, PlanSummary, Store, StoreError};

/// A plan evaluated in one fiscal year.
#[derive(Debug)]
pub struct Evaluated {
    /// The plan, as stored now, with the values it takes from its series in other plans when
    /// its `actuals_from_lineage` setting is on.
    pub plan: Plan,
    /// Those borrowed values, with the plan and document each came from.
    pub borrowed: Vec<Borrowed>,
    /// The fiscal year evaluated: the latest with an observation, `None` when there is none.
    pub fy: Option<i32>,
    /// One evaluation per indicator, in the plan's order (empty without `fy`).
    pub evaluations: Vec<Evaluation>,
}

impl Evaluated {
    /// `followed` evaluated in `fy`, or in its latest fiscal year with data.
    pub fn new(followed: Followed, fy: Option<i32>) -> Evaluated {
        let Followed { plan, borrowed } = followed;
        let fy = fy.or_else(|| plan.latest_observed_year());
        let evaluations = match fy {
            Some(fy) => plan.evaluate(fy, ForecastMethod::Linear),
            None => Vec::new(),
        };
        Evaluated {
            plan,
            borrowed,
            fy,
            evaluations,
        }
    }

    /// The same plan evaluated in another fiscal year.
    pub fn in_year(&self, fy: i32) -> Evaluated {
        Evaluated::new(
            Followed {
                plan: self.plan.clone(),
                borrowed: self.borrowed.clone(),
            },
            Some(fy),
        )
    }

    /// The borrowed value of `indicator` for `period`, if that observation was borrowed.
    pub fn origin(&self, indicator: &str, period: Period) -> Option<&Borrowed> {
        self.borrowed
            .iter()
            .find(|b| b.indicator == indicator && b.observation.period == period)
    }

    /// The evaluation of the indicator at `index` in the plan, if the plan was evaluated.
    pub fn evaluation(&self, index: usize) -> Option<&Evaluation> {
        self.evaluations.get(index)
    }
}

/// The cache: plans by code and the list of plans, valid for one [`DataStamp`].
#[derive(Debug)]
pub struct Plans {
    store: Store,
    state: Mutex<State>,
}

#[derive(Debug, Default)]
struct State {
    stamp: Option<DataStamp>,
    list: Option<Arc<Vec<PlanSummary>>>,
    plans: HashMap<String, Arc<Evaluated>>,
}

impl Plans {
    /// An empty cache over `store`.
    pub fn new(store: Store) -> Plans {
        Plans {
            store,
            state: Mutex::new(State::default()),
        }
    }

    fn state(&self) -> std::sync::MutexGuard<'_, State> {
        // A panic while holding the lock leaves only a cache behind: take it as it is.
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Checks the stamp once for this request and drops what it invalidates.
    pub async fn refresh(&self) -> Result<(), StoreError> {
        let stamp = self.store.data_stamp().await?;
        let mut state = self.state();
        if state.stamp != Some(stamp) {
            *state = State {
                stamp: Some(stamp),
                ..State::default()
            };
        }
        Ok(())
    }

    /// Every stored plan, by code.
    pub async fn list(&self) -> Result<Arc<Vec<PlanSummary>>, StoreError> {
        if let Some(list) = self.state().list.clone() {
            return Ok(list);
        }
        let list = Arc::new(self.store.plans().await?);
        self.state().list = Some(list.clone());
        Ok(list)
    }

    /// Plan `code` evaluated at its latest fiscal year with data; `None` if no such plan.
    pub async fn get(&self, code: &str) -> Result<Option<Arc<Evaluated>>, StoreError> {
        if let Some(p) = self.state().plans.get(code).cloned() {
            return Ok(Some(p));
        }
        let followed = match self.store.load_plan_as_evaluated(code, None).await {
            Ok(followed) => followed,
            Err(StoreError::NotFound(_)) => return Ok(None),
            Err(e) => return Err(e),
        };
        let evaluated = Arc::new(Evaluated::new(followed, None));
        self.state()
            .plans
            .insert(code.to_owned(), evaluated.clone());
        Ok(Some(evaluated))
    }
}
