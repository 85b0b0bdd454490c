//! Scripts and element lookups that see into the widget's shadow roots.
//!
//! Each widget renders into an open shadow root, where `document.querySelector` and
//! WebDriver's own locators do not look. Every script the suite runs goes through
//! [`Page::run`] or [`Page::run_async`], which give it a `document` whose lookups search
//! the page and every open shadow root in it, and whose `activeElement` is the focused
//! element itself rather than the host of the shadow root holding it. The scripts then
//! read as they would on a page without shadow roots. Where several widgets share a page,
//! `host >>> inner` selects `inner` within the shadow root of the elements `host` selects.

use fantoccini::elements::{Element, ElementRef};
use fantoccini::Client;
use serde_json::Value;

use crate::{fail, Result};

/// Shadows the page's `document` for the script that follows it.
const PRELUDE: &str = r#"
const document = ((page) => {
  const roots = () => {
    const found = [page];
    for (const root of found) {
      for (const element of root.querySelectorAll("*")) {
        if (element.shadowRoot) {
          found.push(element.shadowRoot);
        }
      }
    }
    return found;
  };
  const all = (css) => {
    const [outer, ...inner] = css.split(" >>> ");
    let found = roots().flatMap((root) => Array.from(root.querySelectorAll(outer)));
    for (const part of inner) {
      found = found.flatMap((host) => Array.from(host.shadowRoot?.querySelectorAll(part) ?? []));
    }
    return found;
  };
  const own = {
    querySelector: (css) => all(css)[0] ?? null,
    querySelectorAll: all,
    getElementById: (id) => (id ? all(`#${CSS.escape(id)}`)[0] ?? null : null),
  };
  return new Proxy(page, {
    get(target, key) {
      if (key in own) {
        return own[key];
      }
      if (key === "activeElement") {
        let active = target.activeElement;
        while (active?.shadowRoot?.activeElement) {
          active = active.shadowRoot.activeElement;
        }
        return active;
      }
      const value = Reflect.get(target, key, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
    set(target, key, value) {
      target[key] = value;
      return true;
    },
  });
})(window.document);
"#;

/// A WebDriver session's page, seen through its shadow roots.
// Only this suite implements and awaits it, on one thread: no `Send` bound is needed.
#[allow(async_fn_in_trait)]
pub trait Page {
    /// Runs `script` (a function body reading `arguments`) and returns what it returns.
    async fn run(&self, script: &str, arguments: Vec<Value>) -> Result<Value>;

    /// Runs `script`, which ends by calling the last of its `arguments`.
    async fn run_async(&self, script: &str, arguments: Vec<Value>) -> Result<Value>;

    /// The first element matching `css`, in the page or any open shadow root in it.
    async fn element(&self, css: &str) -> Result<Element>;

    /// The element with this id, in the page or any open shadow root in it.
    async fn element_by_id(&self, id: &str) -> Result<Element>;

    /// The focused element, within the shadow root that holds it (WebDriver's own active
    /// element is the root's host).
    async fn focused(&self) -> Result<Element>;

    /// The element `script` returns (null when there is none); `what` names it.
    async fn element_from(
        &self,
        what: &str,
        script: &str,
        arguments: Vec<Value>,
    ) -> Result<Element>;
}

impl Page for Client {
    async fn run(&self, script: &str, arguments: Vec<Value>) -> Result<Value> {
        Ok(self
            .execute(&format!("{PRELUDE}{script}"), arguments)
            .await?)
    }

    async fn run_async(&self, script: &str, arguments: Vec<Value>) -> Result<Value> {
        Ok(self
            .execute_async(&format!("{PRELUDE}{script}"), arguments)
            .await?)
    }

    async fn element(&self, css: &str) -> Result<Element> {
        let script = "return document.querySelector(arguments[0]);";
        self.element_from(css, script, vec![css.into()]).await
    }

    async fn element_by_id(&self, id: &str) -> Result<Element> {
        let script = "return document.getElementById(arguments[0]);";
        self.element_from(&format!("#{id}"), script, vec![id.into()])
            .await
    }

    async fn focused(&self) -> Result<Element> {
        let script = "return document.activeElement;";
        self.element_from("focused", script, vec![]).await
    }

    async fn element_from(
        &self,
        what: &str,
        script: &str,
        arguments: Vec<Value>,
    ) -> Result<Element> {
        let found = self.run(script, arguments).await?;
        // A WebDriver element reference: an object whose one key is the W3C element id.
        let id = found
            .as_object()
            .and_then(|object| object.values().next())
            .and_then(Value::as_str);
        match id {
            Some(id) => Ok(Element::from_element_id(
                self.clone(),
                ElementRef::from(id.to_owned()),
            )),
            None => fail(format!("no element is {what}")),
        }
    }
}
