//! The agent, the contacts directory and the disposition codes.

use gws_types::{
    Availability, ChannelAvailability, Contact, ContactsResponse, Disposition, DispositionSettings,
    User, UserState,
};

use crate::transport::json::{Decode, Error, Reader};

impl<'a> Decode<'a> for User {
    fn decode(reader: &mut Reader<'a>) -> Result<Self, Error> {
        const FIELDS: &[&str] = &["id", "userName", "firstName", "lastName", "uri", "path"];
        let mut user = User::default();
        let mut seen = 0;
        reader.object("struct User", &mut |reader, key| {
            match reader.field(FIELDS, &mut seen, key)? {
                Some(0) => user.id = Decode::decode(reader)?,
                Some(1) => user.user_name = Decode::decode(reader)?,
                Some(2) => user.first_name = Decode::decode(reader)?,
                Some(3) => user.last_name = Decode::decode(reader)?,
                Some(4) => user.uri = Decode::decode(reader)?,
                Some(5) => user.path = Decode::decode(reader)?,
                _ => {
                    reader.skip()?;
                }
            }
            Ok(())
        })?;
        Ok(user)
    }
}

impl<'a> Decode<'a> for Contact {
    fn decode(reader: &mut Reader<'a>) -> Result<Self, Error> {
        const FIELDS: &[&str] = &[
            "id",
            "name",
            "type",
            "uri",
            "path",
            "userName",
            "firstName",
            "lastName",
            "availability",
        ];
        let mut contact = Contact::default();
        let mut seen = 0;
        reader.object("struct Contact", &mut |reader, key| {
            match reader.field(FIELDS, &mut seen, key)? {
                Some(0) => contact.id = Decode::decode(reader)?,
                Some(1) => contact.name = Decode::decode(reader)?,
                Some(2) => contact.kind = Decode::decode(reader)?,
                Some(3) => contact.uri = Decode::decode(reader)?,
                Some(4) => contact.path = Decode::decode(reader)?,
                Some(5) => contact.user_name = Decode::decode(reader)?,
                Some(6) => contact.first_name = Decode::decode(reader)?,
                Some(7) => contact.last_name = Decode::decode(reader)?,
                Some(8) => contact.availability = Decode::decode(reader)?,
                _ => {
                    reader.skip()?;
                }
            }
            Ok(())
        })?;
        Ok(contact)
    }
}

impl<'a> Decode<'a> for Availability {
    fn decode(reader: &mut Reader<'a>) -> Result<Self, Error> {
        let mut availability = Availability::default();
        let mut seen = 0;
        reader.object("struct Availability", &mut |reader, key| {
            match reader.field(&["channels"], &mut seen, key)? {
                Some(_) => availability.channels = Decode::decode(reader)?,
                None => {
                    reader.skip()?;
                }
            }
            Ok(())
        })?;
        Ok(availability)
    }
}

impl<'a> Decode<'a> for ChannelAvailability {
    fn decode(reader: &mut Reader<'a>) -> Result<Self, Error> {
        const FIELDS: &[&str] = &["channel", "available", "userState"];
        let mut channel = ChannelAvailability::default();
        let mut seen = 0;
        reader.object("struct ChannelAvailability", &mut |reader, key| {
            match reader.field(FIELDS, &mut seen, key)? {
                Some(0) => channel.channel = Decode::decode(reader)?,
                Some(1) => channel.available = Decode::decode(reader)?,
                Some(2) => channel.user_state = Decode::decode(reader)?,
                _ => {
                    reader.skip()?;
                }
            }
            Ok(())
        })?;
        Ok(channel)
    }
}

impl<'a> Decode<'a> for UserState {
    fn decode(reader: &mut Reader<'a>) -> Result<Self, Error> {
        const FIELDS: &[&str] = &["id", "displayName", "state"];
        let mut state = UserState::default();
        let mut seen = 0;
        reader.object("struct UserState", &mut |reader, key| {
            match reader.field(FIELDS, &mut seen, key)? {
                Some(0) => state.id = Decode::decode(reader)?,
                Some(1) => state.display_name = Decode::decode(reader)?,
                Some(2) => state.state = Decode::decode(reader)?,
                _ => {
                    reader.skip()?;
                }
            }
            Ok(())
        })?;
        Ok(state)
    }
}

impl<'a> Decode<'a> for ContactsResponse {
    fn decode(reader: &mut Reader<'a>) -> Result<Self, Error> {
        const FIELDS: &[&str] = &["statusCode", "statusMessage", "totalCount", "contacts"];
        let (mut status_code, mut status_message) = (None, None);
        let (mut total_count, mut contacts) = (None, None);
        let mut seen = 0;
        reader.object("struct ContactsResponse", &mut |reader, key| {
            match reader.field(FIELDS, &mut seen, key)? {
                Some(0) => status_code = Some(Decode::decode(reader)?),
                Some(1) => status_message = Decode::decode(reader)?,
                Some(2) => total_count = Decode::decode(reader)?,
                Some(3) => contacts = Decode::decode(reader)?,
                _ => {
                    reader.skip()?;
                }
            }
            Ok(())
        })?;
        Ok(ContactsResponse {
            status_code: reader.required(status_code, "statusCode")?,
            status_message,
            total_count,
            contacts,
        })
    }
}

impl<'a> Decode<'a> for Disposition {
    fn decode(reader: &mut Reader<'a>) -> Result<Self, Error> {
        let mut disposition = Disposition::default();
        let mut seen = 0;
        reader.object("struct Disposition", &mut |reader, key| {
            match reader.field(&["name", "displayName"], &mut seen, key)? {
                Some(0) => disposition.name = Decode::decode(reader)?,
                Some(1) => disposition.display_name = Decode::decode(reader)?,
                _ => {
                    reader.skip()?;
                }
            }
            Ok(())
        })?;
        Ok(disposition)
    }
}

impl<'a> Decode<'a> for DispositionSettings {
    fn decode(reader: &mut Reader<'a>) -> Result<Self, Error> {
        const FIELDS: &[&str] = &["statusCode", "statusMessage", "key", "settings"];
        let mut settings = DispositionSettings::default();
        let mut seen = 0;
        reader.object("struct DispositionSettings", &mut |reader, key| {
            match reader.field(FIELDS, &mut seen, key)? {
                Some(0) => settings.status_code = Decode::decode(reader)?,
                Some(1) => settings.status_message = Decode::decode(reader)?,
                Some(2) => settings.key = Decode::decode(reader)?,
                Some(3) => settings.settings = Decode::decode(reader)?,
                _ => {
                    reader.skip()?;
                }
            }
            Ok(())
        })?;
        Ok(settings)
    }
}
