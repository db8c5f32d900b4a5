//! Per-item failures of EC2 batch calls (`DeleteVpcEndpoints`,
//! `AcceptVpcEndpointConnections`, ...): AWS answers 200 and lists the
//! items it could not handle in `Unsuccessful`, each with an error code.

use aws_sdk_ec2::types::UnsuccessfulItem;

use crate::aws::endpoints::AwsApi;
use crate::aws::errors::AwsError;

/// `Ok` when every item succeeded or failed only with one of `ignored`
/// codes; otherwise an [`AwsError::Api`] with the first failure's code and
/// every failure (`resource: message`) in the message.
pub(crate) fn check_unsuccessful(
    service: AwsApi,
    items: &[UnsuccessfulItem],
    ignored: &[&str],
) -> Result<(), AwsError> {
    let failures: Vec<(&str, String)> = items
        .iter()
        .map(|item| {
            let error = item.error();
            let code = error.and_then(|e| e.code()).unwrap_or("Unsuccessful");
            let message = format!(
                "{}: {}",
                item.resource_id().unwrap_or("(no resource id)"),
                error.and_then(|e| e.message()).unwrap_or("no reason given")
            );
            (code, message)
        })
        .filter(|(code, _)| !ignored.contains(code))
        .collect();
    match failures.first() {
        None => Ok(()),
        Some((code, _)) => Err(AwsError::Api {
            service,
            code: code.to_string(),
            message: failures
                .iter()
                .map(|(_, m)| m.as_str())
                .collect::<Vec<_>>()
                .join("; "),
        }),
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use aws_sdk_ec2::types::UnsuccessfulItemError;

    /// An `Unsuccessful` entry as EC2 returns it.
    pub(crate) fn item(resource: &str, code: &str, message: &str) -> UnsuccessfulItem {
        UnsuccessfulItem::builder()
            .resource_id(resource)
            .error(
                UnsuccessfulItemError::builder()
                    .code(code)
                    .message(message)
                    .build(),
            )
            .build()
    }

    #[test]
    fn no_items_is_success() {
        assert_eq!(check_unsuccessful(AwsApi::Ec2, &[], &[]), Ok(()));
    }

    #[test]
    fn a_failed_item_becomes_an_api_error_with_its_code() {
        let err = check_unsuccessful(
            AwsApi::Ec2,
            &[item(
                "vpce-1",
                "InvalidState",
                "Endpoint vpce-1 is in state deleted",
            )],
            &[],
        )
        .unwrap_err();
        assert_eq!(
            err,
            AwsError::Api {
                service: AwsApi::Ec2,
                code: "InvalidState".into(),
                message: "vpce-1: Endpoint vpce-1 is in state deleted".into(),
            }
        );
    }

    #[test]
    fn every_failure_is_reported_under_the_first_code() {
        let err = check_unsuccessful(
            AwsApi::Ec2,
            &[
                item("vpce-1", "InvalidState", "rejected"),
                item("vpce-2", "InvalidVpcEndpointId.NotFound", "gone"),
            ],
            &[],
        )
        .unwrap_err();
        assert_eq!(err.code(), Some("InvalidState"));
        assert_eq!(
            err.to_string(),
            "InvalidState: vpce-1: rejected; vpce-2: gone"
        );
    }

    #[test]
    fn ignored_codes_do_not_fail() {
        let gone = item("vpce-1", "InvalidVpcEndpoint.NotFound", "gone");
        assert_eq!(
            check_unsuccessful(
                AwsApi::Ec2,
                std::slice::from_ref(&gone),
                &["InvalidVpcEndpoint.NotFound"]
            ),
            Ok(())
        );
        let err = check_unsuccessful(
            AwsApi::Ec2,
            &[gone, item("vpce-2", "DependencyViolation", "in use")],
            &["InvalidVpcEndpoint.NotFound"],
        )
        .unwrap_err();
        assert_eq!(err.to_string(), "DependencyViolation: vpce-2: in use");
    }

    #[test]
    fn an_item_without_error_details_still_fails() {
        let bare = UnsuccessfulItem::builder().resource_id("vpce-1").build();
        let err = check_unsuccessful(AwsApi::Ec2, &[bare], &[]).unwrap_err();
        assert_eq!(err.to_string(), "Unsuccessful: vpce-1: no reason given");
    }
}
