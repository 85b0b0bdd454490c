//! `statusCode`: the result every GWS answer starts with.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

macro_rules! status_codes {
    ($( $variant:ident = $code:literal, $http:literal, $meaning:literal; )+) => {
        /// A GWS `statusCode`; codes this version does not know are kept as `Other`.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum StatusCode {
            $( #[doc = $meaning] $variant, )+
            /// A code newer than this list.
            Other(i64),
        }

        impl StatusCode {
            pub const KNOWN: &'static [StatusCode] = &[ $( StatusCode::$variant ),+ ];

            pub fn code(self) -> i64 {
                match self {
                    $( StatusCode::$variant => $code, )+
                    StatusCode::Other(code) => code,
                }
            }

            pub fn from_code(code: i64) -> Self {
                match code {
                    $( $code => StatusCode::$variant, )+
                    other => StatusCode::Other(other),
                }
            }

            /// What the code means, in the words of the GWS return-values page.
            pub fn meaning(self) -> &'static str {
                match self {
                    $( StatusCode::$variant => $meaning, )+
                    StatusCode::Other(_) => "Unrecognized status code",
                }
            }

            /// The HTTP status this project pairs with the code. GWS documents only
            /// 403 for CSRF, so this mapping is a chosen convention; clients decide on
            /// `statusCode`, never on the HTTP status alone.
            pub fn http_status(self) -> u16 {
                match self {
                    $( StatusCode::$variant => $http, )+
                    StatusCode::Other(_) => 500,
                }
            }
        }
    };
}

status_codes! {
    Ok = 0, 200, "Success";
    MissingParameter = 1, 400, "A required parameter is missing";
    InvalidForState = 2, 400, "A parameter is not valid for the current state";
    Forbidden = 3, 403, "The operation is forbidden";
    InternalError = 4, 500, "Internal error in GWS or a back-end server";
    PermissionDenied = 5, 403, "The user lacks permission for this operation";
    NotFound = 6, 404, "The requested resource was not found";
    PartialSuccess = 7, 200, "Partial success: at least one action of a bulk operation succeeded";
    PasswordChangeRequired = 8, 403, "The user must change the password";
    Incomplete = 9, 500, "Processing is incomplete";
    OutOfRange = 10, 400, "Input validation error: a value is outside the valid range";
    ReadOnly = 11, 400, "Attempt to change a read-only property";
    CannotRetrieve = 12, 500, "Unable to retrieve the resource";
    CannotCreate = 13, 500, "Unable to create the resource";
    CannotDelete = 14, 500, "Unable to delete the resource";
    CannotUpdate = 15, 500, "Unable to update the resource";
    CannotAssign = 16, 500, "Unable to assign the resource";
    CannotUnassign = 17, 500, "Unable to unassign the resource";
    AlreadyExists = 18, 409, "The resource already exists";
    InUse = 19, 409, "The resource is already in use";
    NotAuthenticated = 20, 401, "Not authenticated: later requests must supply credentials";
}

impl StatusCode {
    pub fn is_ok(self) -> bool {
        self == StatusCode::Ok
    }
}

impl std::fmt::Display for StatusCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} ({})", self.meaning(), self.code())
    }
}

impl Serialize for StatusCode {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_i64(self.code())
    }
}

impl<'de> Deserialize<'de> for StatusCode {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        i64::deserialize(deserializer).map(StatusCode::from_code)
    }
}
