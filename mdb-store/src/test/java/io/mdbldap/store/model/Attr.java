package io.mdbldap.store.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The attributes the generators use, chosen for the spread of matching rules in the Apache
 * schema: caseIgnore (cn, sn...), caseIgnoreIA5 (mail), telephoneNumber, caseExact with ordering
 * and substrings (ads-keystoreFile), caseExact without either (labeledURI), caseExactIA5
 * (homeDirectory), caseIgnore with an ordering rule (dnQualifier, PrintableString), integer
 * without ordering (nis uidNumber, gidNumber), integer with integerOrderingMatch (apache
 * revisions, pwdpolicy pwdMaxFailure), generalizedTime with ordering (createTimestamp,
 * modifyTimestamp), DN-valued (seeAlso, manager, member: subtypes of distinguishedName for some)
 * and octetString (userPassword, the one place non-BMP characters can go: the API's RFC 4518
 * string preparation refuses surrogates in every string matching rule).
 */
enum Attr {
  CN("cn", Kind.FULL_NAME, 3),
  SN("sn", Kind.LAST_NAME, 2),
  GIVEN_NAME("givenName", Kind.FIRST_NAME, 2),
  DISPLAY_NAME("displayName", Kind.FULL_NAME, 1),
  TITLE("title", Kind.TITLE, 2),
  L("l", Kind.CITY, 2),
  DESCRIPTION("description", Kind.WORDS, 3),
  OU("ou", Kind.UNIT, 2),
  O("o", Kind.UNIT, 1),
  BUSINESS_CATEGORY("businessCategory", Kind.WORDS, 1),
  UID("uid", Kind.UID, 1),
  EMPLOYEE_NUMBER("employeeNumber", Kind.SERIAL, 1),
  MAIL("mail", Kind.MAIL, 3),
  TELEPHONE_NUMBER("telephoneNumber", Kind.PHONE, 3),
  MOBILE("mobile", Kind.PHONE, 1),
  UID_NUMBER("uidNumber", Kind.INTEGER, 1),
  GID_NUMBER("gidNumber", Kind.INTEGER, 1),
  REVISIONS("revisions", Kind.INTEGER, 3),
  PWD_MAX_FAILURE("pwdMaxFailure", Kind.INTEGER, 1),
  CREATE_TIMESTAMP("createTimestamp", Kind.TIME, 1),
  MODIFY_TIMESTAMP("modifyTimestamp", Kind.TIME, 1),
  SEE_ALSO("seeAlso", Kind.DN, 2),
  MANAGER("manager", Kind.DN, 1),
  MEMBER("member", Kind.DN, 6),
  KEYSTORE_FILE("ads-keystoreFile", Kind.EXACT, 1),
  LABELED_URI("labeledURI", Kind.URI, 2),
  HOME_DIRECTORY("homeDirectory", Kind.PATH, 1),
  DN_QUALIFIER("dnQualifier", Kind.PRINTABLE, 2),
  USER_PASSWORD("userPassword", Kind.BINARY, 2);

  /** What kind of value an attribute holds: drives the value generator. */
  enum Kind {
    FULL_NAME, FIRST_NAME, LAST_NAME, TITLE, CITY, WORDS, UNIT, UID, SERIAL, MAIL, PHONE,
    INTEGER, TIME, DN, EXACT, URI, PATH, PRINTABLE, BINARY
  }

  final String id;
  final Kind kind;
  final int maxValues;

  Attr(String id, Kind kind, int maxValues) {
    this.id = id;
    this.kind = kind;
    this.maxValues = maxValues;
  }

  boolean isInteger() {
    return kind == Kind.INTEGER;
  }

  /** Plain string syntaxes where words, case and spaces matter to the matching rules. */
  boolean isText() {
    switch (kind) {
      case FULL_NAME: case FIRST_NAME: case LAST_NAME: case TITLE: case CITY: case WORDS: case UNIT:
      case UID: case SERIAL: case EXACT: case MAIL:
        return true;
      default:
        return false;
    }
  }

  /** DirectoryString attributes, where caseExactMatch and caseIgnoreMatch apply. */
  boolean isDirectoryString() {
    return isText() && this != MAIL;
  }

  static Attr byId(String id) {
    for (Attr a : values()) {
      if (a.id.equalsIgnoreCase(id)) {
        return a;
      }
    }
    return null;
  }

  static List<Attr> where(java.util.function.Predicate<Attr> p) {
    List<Attr> out = new ArrayList<>();
    for (Attr a : values()) {
      if (p.test(a)) {
        out.add(a);
      }
    }
    return out;
  }

  @Override
  public String toString() {
    return id.toLowerCase(Locale.ROOT);
  }
}
