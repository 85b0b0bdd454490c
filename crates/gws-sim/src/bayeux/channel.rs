//! Bayeux channel names and subscription patterns (`/a/*` one segment, `/a/**` any depth).

/// Whether a subscription `pattern` covers `channel`.
pub fn matches(pattern: &str, channel: &str) -> bool {
    if pattern == channel {
        return true;
    }
    let (prefix, deep) = if let Some(prefix) = pattern.strip_suffix("/**") {
        (prefix, true)
    } else if let Some(prefix) = pattern.strip_suffix("/*") {
        (prefix, false)
    } else {
        return false;
    };
    match channel
        .strip_prefix(prefix)
        .and_then(|rest| rest.strip_prefix('/'))
    {
        Some(rest) if !rest.is_empty() => deep || !rest.contains('/'),
        _ => false,
    }
}

/// A channel a client may subscribe to: absolute, not a meta or service channel.
pub fn subscribable(channel: &str) -> bool {
    channel.starts_with('/')
        && channel.len() > 1
        && !channel.starts_with("/meta/")
        && !channel.starts_with("/service/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wildcards_follow_bayeux() {
        assert!(matches("/v2/me/smssessions", "/v2/me/smssessions"));
        assert!(matches("/v2/me/*", "/v2/me/smssessions"));
        assert!(!matches("/v2/*", "/v2/me/smssessions"));
        assert!(matches("/v2/**", "/v2/me/smssessions"));
        assert!(!matches("/v2/me/*", "/v2/me"));
        assert!(!matches("/v2/me/calls", "/v2/me/smssessions"));
        assert!(subscribable("/v2/me/smssessions"));
        assert!(!subscribable("/meta/connect"));
        assert!(!subscribable("nochannel"));
    }
}
