//! The agent, the contacts directory and the disposition codes.

use gws_types::{
    Availability, ChannelAvailability, Contact, ContactsResponse, Disposition, DispositionSettings,
    StatusCode, User, UserState,
};

use crate::transport::json::{Decode, Error, Reader, Struct};

impl<'a> Decode<'a> for User {
    fn decode(reader: &mut Reader<'a>) -> Result<Self, Error> {
        const FORM: Struct = Struct::new(
            "struct User",
            &["id", "userName", "firstName", "lastName", "uri", "path"],
        );
        let mut u = User::default();
        reader.fields(
            &FORM,
            &mut [
                &mut u.id,
                &mut u.user_name,
                &mut u.first_name,
                &mut u.last_name,
                &mut u.uri,
                &mut u.path,
            ],
        )?;
        Ok(u)
    }
}

impl<'a> Decode<'a> for Contact {
    fn decode(reader: &mut Reader<'a>) -> Result<Self, Error> {
        const FORM: Struct = Struct::new(
            "struct Contact",
            &[
                "id",
                "name",
                "type",
                "uri",
                "path",
                "userName",
                "firstName",
                "lastName",
                "availability",
            ],
        );
        let mut c = Contact::default();
        reader.fields(
            &FORM,
            &mut [
                &mut c.id,
                &mut c.name,
                &mut c.kind,
                &mut c.uri,
                &mut c.path,
                &mut c.user_name,
                &mut c.first_name,
                &mut c.last_name,
                &mut c.availability,
            ],
        )?;
        Ok(c)
    }
}

impl<'a> Decode<'a> for Availability {
    fn decode(reader: &mut Reader<'a>) -> Result<Self, Error> {
        const FORM: Struct = Struct::new("struct Availability", &["channels"]);
        let mut a = Availability::default();
        reader.fields(&FORM, &mut [&mut a.channels])?;
        Ok(a)
    }
}

impl<'a> Decode<'a> for ChannelAvailability {
    fn decode(reader: &mut Reader<'a>) -> Result<Self, Error> {
        const FORM: Struct = Struct::new(
            "struct ChannelAvailability",
            &["channel", "available", "userState"],
        );
        let mut c = ChannelAvailability::default();
        reader.fields(
            &FORM,
            &mut [&mut c.channel, &mut c.available, &mut c.user_state],
        )?;
        Ok(c)
    }
}

impl<'a> Decode<'a> for UserState {
    fn decode(reader: &mut Reader<'a>) -> Result<Self, Error> {
        const FORM: Struct = Struct::new("struct UserState", &["id", "displayName", "state"]);
        let mut s = UserState::default();
        reader.fields(&FORM, &mut [&mut s.id, &mut s.display_name, &mut s.state])?;
        Ok(s)
    }
}

impl<'a> Decode<'a> for ContactsResponse {
    fn decode(reader: &mut Reader<'a>) -> Result<Self, Error> {
        const FORM: Struct = Struct::new(
            "struct ContactsResponse",
            &["statusCode", "statusMessage", "totalCount", "contacts"],
        )
        .required(1);
        let mut r = ContactsResponse {
            status_code: StatusCode::from_code(0),
            status_message: None,
            total_count: None,
            contacts: None,
        };
        reader.fields(
            &FORM,
            &mut [
                &mut r.status_code,
                &mut r.status_message,
                &mut r.total_count,
                &mut r.contacts,
            ],
        )?;
        Ok(r)
    }
}

impl<'a> Decode<'a> for Disposition {
    fn decode(reader: &mut Reader<'a>) -> Result<Self, Error> {
        const FORM: Struct = Struct::new("struct Disposition", &["name", "displayName"]);
        let mut d = Disposition::default();
        reader.fields(&FORM, &mut [&mut d.name, &mut d.display_name])?;
        Ok(d)
    }
}

impl<'a> Decode<'a> for DispositionSettings {
    fn decode(reader: &mut Reader<'a>) -> Result<Self, Error> {
        const FORM: Struct = Struct::new(
            "struct DispositionSettings",
            &["statusCode", "statusMessage", "key", "settings"],
        );
        let mut s = DispositionSettings::default();
        reader.fields(
            &FORM,
            &mut [
                &mut s.status_code,
                &mut s.status_message,
                &mut s.key,
                &mut s.settings,
            ],
        )?;
        Ok(s)
    }
}
