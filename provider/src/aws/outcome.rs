//! What a failed AWS call means when the operation is idempotent: a
//! finder's object that is not there, a change that is already made, a
//! create whose object an earlier, interrupted attempt left behind.

use std::future::Future;

use super::errors::AwsError;
use tfplugin::diagnostics::Diagnostic;

/// Reading the error codes of an AWS call's result as outcomes.
pub trait Outcome<T> {
    /// `Ok(Some(value))` on success; `Ok(None)` when the call failed with
    /// one of `codes` (the object does not exist).
    fn none_on(self, codes: &[&str]) -> Result<Option<T>, AwsError>;

    /// `Ok(())` on success or when the call failed with one of `codes`
    /// (what it would do is already done: deleted, authorized, revoked).
    fn ok_on(self, codes: &[&str]) -> Result<(), AwsError>;
}

impl<T> Outcome<T> for Result<T, AwsError> {
    fn none_on(self, codes: &[&str]) -> Result<Option<T>, AwsError> {
        match self {
            Ok(value) => Ok(Some(value)),
            Err(e) if e.is_code(codes) => Ok(None),
            Err(e) => Err(e),
        }
    }

    fn ok_on(self, codes: &[&str]) -> Result<(), AwsError> {
        self.none_on(codes).map(drop)
    }
}

/// What a create that may adopt a leftover produced.
#[derive(Debug, PartialEq)]
pub enum Adoption<C, F> {
    /// The create made a new object.
    Created(C),
    /// The create found the object already there; this is it.
    Adopted(F),
}

/// Why a create that may adopt a leftover failed.
#[derive(Debug, PartialEq)]
pub enum AdoptError {
    /// The create failed: for another reason, or the leftover it reported
    /// could not be found.
    Create(AwsError),
    /// Looking for the leftover failed.
    Find(AwsError),
}

impl AdoptError {
    /// A diagnostic for `object` ("ECS service x"): "creating x" or
    /// "finding x", whichever failed.
    pub fn to_diagnostic(&self, object: &str) -> Diagnostic {
        match self {
            AdoptError::Create(e) => e.to_diagnostic(&format!("creating {object}")),
            AdoptError::Find(e) => e.to_diagnostic(&format!("finding {object}")),
        }
    }
}

/// The result of a create, with a leftover adopted: when it failed with an
/// error `is_leftover` accepts, `find` looks for what is already there and
/// that is returned; when `find` finds nothing, the create's error stands.
pub async fn adopt_leftover<C, F, Fut>(
    created: Result<C, AwsError>,
    is_leftover: impl FnOnce(&AwsError) -> bool,
    find: impl FnOnce() -> Fut,
) -> Result<Adoption<C, F>, AdoptError>
where
    Fut: Future<Output = Result<Option<F>, AwsError>>,
{
    match created {
        Ok(value) => Ok(Adoption::Created(value)),
        Err(e) if is_leftover(&e) => match find().await {
            Ok(Some(found)) => Ok(Adoption::Adopted(found)),
            Ok(None) => Err(AdoptError::Create(e)),
            Err(find_error) => Err(AdoptError::Find(find_error)),
        },
        Err(e) => Err(AdoptError::Create(e)),
    }
}

#[cfg(test)]
mod tests {
    use std::cell::Cell;

    use super::*;
    use crate::aws::AwsApi;

    fn api_error(code: &str) -> AwsError {
        AwsError::Api {
            service: AwsApi::Ec2,
            code: code.into(),
            message: "m".into(),
        }
    }

    fn failed(code: &str) -> Result<u8, AwsError> {
        Err(api_error(code))
    }

    #[test]
    fn listed_codes_become_none_others_stay_errors() {
        let codes = &["A.NotFound", "B.NotFound"];
        assert_eq!(Ok::<u8, AwsError>(7).none_on(codes), Ok(Some(7)));
        assert_eq!(failed("B.NotFound").none_on(codes), Ok(None));
        assert_eq!(
            failed("Throttling").none_on(codes),
            Err(api_error("Throttling"))
        );
        let other = AwsError::Other {
            service: AwsApi::Ec2,
            message: "no code".into(),
        };
        assert_eq!(
            Err::<u8, AwsError>(other.clone()).none_on(codes),
            Err(other)
        );
    }

    #[test]
    fn listed_codes_count_as_done() {
        let codes = &["InvalidPermission.Duplicate"];
        assert_eq!(Ok::<u8, AwsError>(1).ok_on(codes), Ok(()));
        assert_eq!(failed("InvalidPermission.Duplicate").ok_on(codes), Ok(()));
        assert_eq!(
            failed("InvalidPermission.NotFound").ok_on(codes),
            Err(api_error("InvalidPermission.NotFound"))
        );
    }

    fn duplicate(e: &AwsError) -> bool {
        e.is_code(&["Duplicate"])
    }

    #[tokio::test]
    async fn a_successful_create_does_not_look_for_leftovers() {
        let looked = Cell::new(false);
        let out = adopt_leftover(Ok::<u8, AwsError>(1), duplicate, || async {
            looked.set(true);
            Ok(Some("found"))
        })
        .await;
        assert_eq!(out, Ok(Adoption::Created(1)));
        assert!(!looked.get());
    }

    #[tokio::test]
    async fn a_duplicate_adopts_what_the_finder_finds() {
        let out = adopt_leftover(failed("Duplicate"), duplicate, || async {
            Ok(Some("found"))
        })
        .await;
        assert_eq!(out, Ok(Adoption::Adopted("found")));
    }

    #[tokio::test]
    async fn a_duplicate_that_cannot_be_found_keeps_the_create_error() {
        let out = adopt_leftover(failed("Duplicate"), duplicate, || async {
            Ok(None::<&str>)
        })
        .await;
        assert_eq!(out, Err(AdoptError::Create(api_error("Duplicate"))));
        let out = adopt_leftover(failed("Duplicate"), duplicate, || async {
            Err::<Option<&str>, _>(api_error("Throttling"))
        })
        .await;
        assert_eq!(out, Err(AdoptError::Find(api_error("Throttling"))));
    }

    #[tokio::test]
    async fn other_errors_fail_without_looking() {
        let looked = Cell::new(false);
        let out = adopt_leftover(failed("Invalid"), duplicate, || async {
            looked.set(true);
            Ok(Some("found"))
        })
        .await;
        assert_eq!(out, Err(AdoptError::Create(api_error("Invalid"))));
        assert!(!looked.get());
    }
}
