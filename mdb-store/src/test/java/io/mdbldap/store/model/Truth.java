package io.mdbldap.store.model;

/** RFC 4511 §4.5.1.7 three-valued filter logic: an entry is returned only when the filter is TRUE. */
enum Truth {
  TRUE,
  FALSE,
  UNDEFINED;

  static Truth of(boolean b) {
    return b ? TRUE : FALSE;
  }

  /** NOT leaves UNDEFINED alone, so {@code (!(unknownAttr=x))} matches nothing. */
  Truth not() {
    switch (this) {
      case TRUE:
        return FALSE;
      case FALSE:
        return TRUE;
      default:
        return UNDEFINED;
    }
  }

  /** AND: FALSE wins over UNDEFINED, which wins over TRUE. */
  Truth and(Truth other) {
    if (this == FALSE || other == FALSE) {
      return FALSE;
    }
    return this == UNDEFINED || other == UNDEFINED ? UNDEFINED : TRUE;
  }

  /** OR: TRUE wins over UNDEFINED, which wins over FALSE. */
  Truth or(Truth other) {
    if (this == TRUE || other == TRUE) {
      return TRUE;
    }
    return this == UNDEFINED || other == UNDEFINED ? UNDEFINED : FALSE;
  }
}
