/* pd-validate.c: the rules a case must follow before it is saved or submitted
 *
 * Every refusal says what is wrong in words a clerk can act on.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-model"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pd-case.h"
#include "pd-validate.h"

#define PERMIT_NUMBER_DIGITS 18
#define PASSPORT_MIN_CHARS   5
#define PASSPORT_MAX_CHARS   20

G_DEFINE_QUARK (pd-model-error-quark, pd_model_error)

static gboolean
is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;

  for (; *text != '\0'; text++)
    if (!g_ascii_isspace (*text))
      return FALSE;

  return TRUE;
}

/* The first character of @p as a string, to quote it in a message. */
static char *
dup_char_at (const char *p)
{
  return g_utf8_substring (p, 0, 1);
}

/* Exactly 18 ASCII digits; the number has no check digit to verify. */
gboolean
pd_validate_permit_number (const char  *number,
                           GError     **error)
{
  guint n_digits = 0;

  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (is_blank (number))
    {
      g_set_error_literal (error, PD_MODEL_ERROR, PD_MODEL_ERROR_PERMIT_NUMBER,
                           _("Enter the 18-digit permit number."));
      return FALSE;
    }

  for (const char *p = number; *p != '\0'; p = g_utf8_next_char (p))
    {
      if (!g_ascii_isdigit (*p))
        {
          g_autofree char *bad = dup_char_at (p);

          g_set_error (error, PD_MODEL_ERROR, PD_MODEL_ERROR_PERMIT_NUMBER,
                       _("A permit number has only digits; “%s” is not one."), bad);
          return FALSE;
        }
      n_digits++;
    }

  if (n_digits != PERMIT_NUMBER_DIGITS)
    {
      g_set_error (error, PD_MODEL_ERROR, PD_MODEL_ERROR_PERMIT_NUMBER,
                   _("A permit number has 18 digits; this one has %u."), n_digits);
      return FALSE;
    }

  return TRUE;
}

/* 5 to 20 letters and digits (case does not matter), at least one digit. */
gboolean
pd_validate_passport_number (const char  *number,
                             GError     **error)
{
  gboolean has_digit = FALSE;
  guint n_chars = 0;

  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (is_blank (number))
    {
      g_set_error_literal (error, PD_MODEL_ERROR, PD_MODEL_ERROR_PASSPORT_NUMBER,
                           _("Enter the passport number."));
      return FALSE;
    }

  for (const char *p = number; *p != '\0'; p = g_utf8_next_char (p))
    {
      char c = g_ascii_toupper (*p);

      if (!((c >= 'A' && c <= 'Z') || g_ascii_isdigit (c)))
        {
          g_autofree char *bad = dup_char_at (p);

          g_set_error (error, PD_MODEL_ERROR, PD_MODEL_ERROR_PASSPORT_NUMBER,
                       _("A passport number has only the letters A to Z and digits; “%s” is not allowed."),
                       bad);
          return FALSE;
        }
      has_digit |= g_ascii_isdigit (c);
      n_chars++;
    }

  if (n_chars < PASSPORT_MIN_CHARS || n_chars > PASSPORT_MAX_CHARS)
    {
      g_set_error (error, PD_MODEL_ERROR, PD_MODEL_ERROR_PASSPORT_NUMBER,
                   _("A passport number has 5 to 20 characters; this one has %u."), n_chars);
      return FALSE;
    }

  if (!has_digit)
    {
      g_set_error_literal (error, PD_MODEL_ERROR, PD_MODEL_ERROR_PASSPORT_NUMBER,
                           _("A passport number contains at least one digit; check that a 0 was not typed as the letter O."));
      return FALSE;
    }

  return TRUE;
}

/* An ISO 3166-1 alpha-3 code as printed in the passport: three letters. */
gboolean
pd_validate_nationality (const char  *code,
                         GError     **error)
{
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (is_blank (code))
    {
      g_set_error_literal (error, PD_MODEL_ERROR, PD_MODEL_ERROR_REQUIRED,
                           _("Enter the nationality, as the three-letter code in the passport."));
      return FALSE;
    }

  if (strlen (code) != 3 || !g_ascii_isalpha (code[0]) || !g_ascii_isalpha (code[1]) ||
      !g_ascii_isalpha (code[2]))
    {
      g_set_error_literal (error, PD_MODEL_ERROR, PD_MODEL_ERROR_NATIONALITY,
                           _("Use the three-letter country code of the passport for the nationality, such as “USA” or “DEU”."));
      return FALSE;
    }

  return TRUE;
}

static char *
format_date (const GDate *date)
{
  char buffer[32];

  g_date_strftime (buffer, sizeof buffer, "%Y-%m-%d", date);
  return g_strdup (buffer);
}

/* @what names the period in the message, for example "permit validity".
 * Unknown dates (NULL) are not checked; a period may start and end the same day. */
gboolean
pd_validate_dates_in_order (const GDate  *from,
                            const GDate  *to,
                            const char   *what,
                            GError      **error)
{
  g_autofree char *from_text = NULL;
  g_autofree char *to_text = NULL;

  g_return_val_if_fail (what != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (from == NULL || to == NULL || !g_date_valid (from) || !g_date_valid (to))
    return TRUE;

  if (g_date_compare (from, to) <= 0)
    return TRUE;

  from_text = format_date (from);
  to_text = format_date (to);
  g_set_error (error, PD_MODEL_ERROR, PD_MODEL_ERROR_DATES,
               _("The %s ends before it starts: %s is after %s."), what, from_text, to_text);
  return FALSE;
}

/* The life of a case: draft → ready → submitted → under review → approved or rejected;
 * approved → filing required → filed → completed, or approved → completed. A rejected or
 * withdrawn case can be reopened as a draft; a case not yet decided can be withdrawn. */
gboolean
pd_case_status_can_transition (PdCaseStatus from,
                               PdCaseStatus to)
{
#define BIT(status) (1u << (status))
  static const guint allowed[] = {
    [PD_CASE_STATUS_DRAFT] = BIT (PD_CASE_STATUS_READY) | BIT (PD_CASE_STATUS_WITHDRAWN),
    [PD_CASE_STATUS_READY] = BIT (PD_CASE_STATUS_DRAFT) | BIT (PD_CASE_STATUS_SUBMITTED) |
                             BIT (PD_CASE_STATUS_WITHDRAWN),
    [PD_CASE_STATUS_SUBMITTED] = BIT (PD_CASE_STATUS_UNDER_REVIEW) | BIT (PD_CASE_STATUS_WITHDRAWN),
    [PD_CASE_STATUS_UNDER_REVIEW] = BIT (PD_CASE_STATUS_APPROVED) | BIT (PD_CASE_STATUS_REJECTED) |
                                    BIT (PD_CASE_STATUS_WITHDRAWN),
    [PD_CASE_STATUS_APPROVED] = BIT (PD_CASE_STATUS_FILING_REQUIRED) | BIT (PD_CASE_STATUS_COMPLETED),
    [PD_CASE_STATUS_REJECTED] = BIT (PD_CASE_STATUS_DRAFT) | BIT (PD_CASE_STATUS_WITHDRAWN),
    [PD_CASE_STATUS_FILING_REQUIRED] = BIT (PD_CASE_STATUS_FILED) | BIT (PD_CASE_STATUS_WITHDRAWN),
    [PD_CASE_STATUS_FILED] = BIT (PD_CASE_STATUS_COMPLETED),
    [PD_CASE_STATUS_COMPLETED] = 0,
    [PD_CASE_STATUS_WITHDRAWN] = BIT (PD_CASE_STATUS_DRAFT),
  };

  if ((guint) from >= G_N_ELEMENTS (allowed) || (guint) to >= G_N_ELEMENTS (allowed))
    return FALSE;

  return (allowed[from] & BIT (to)) != 0;
#undef BIT
}

static gboolean
validate_person (PdPerson  *person,
                 GError   **error)
{
  GDate *birth = pd_person_get_date_of_birth (person);

  if (is_blank (pd_person_get_name_zh (person)) && is_blank (pd_person_get_name_latin (person)))
    {
      g_set_error_literal (error, PD_MODEL_ERROR, PD_MODEL_ERROR_REQUIRED,
                           _("Enter the person’s name, in Chinese or in Latin letters as in the passport."));
      return FALSE;
    }

  if (!pd_validate_nationality (pd_person_get_nationality (person), error))
    return FALSE;

  if (!pd_validate_passport_number (pd_person_get_passport_number (person), error))
    return FALSE;

  if (birth != NULL)
    {
      GDate today;

      g_date_clear (&today, 1);
      g_date_set_time_t (&today, time (NULL));
      if (g_date_compare (birth, &today) >= 0)
        {
          g_autofree char *text = format_date (birth);

          g_set_error (error, PD_MODEL_ERROR, PD_MODEL_ERROR_DATES,
                       _("The date of birth %s is not in the past."), text);
          return FALSE;
        }
    }

  return TRUE;
}

static gboolean
kind_needs_permit_number (PdCaseKind kind)
{
  return kind == PD_CASE_KIND_RENEWAL || kind == PD_CASE_KIND_CHANGE ||
         kind == PD_CASE_KIND_CANCELLATION || kind == PD_CASE_KIND_ESSC_UPGRADE;
}

static gboolean
validate_permit (PdCase  *self,
                 GError **error)
{
  PdCaseKind kind = pd_case_get_kind (self);
  PdPermit *permit = pd_case_get_permit (self);
  const char *number = permit != NULL ? pd_permit_get_number (permit) : NULL;
  /* A draft is being prepared: the permit it acts on may still be looked up. What
   * is there must be right all the same. */
  gboolean draft = pd_case_get_status (self) == PD_CASE_STATUS_DRAFT;

  if (!draft && kind_needs_permit_number (kind) && is_blank (number))
    {
      g_set_error (error, PD_MODEL_ERROR, PD_MODEL_ERROR_REQUIRED,
                   _("A “%s” case needs the number of the current work permit."),
                   pd_case_kind_to_label (kind));
      return FALSE;
    }

  if (!draft && kind == PD_CASE_KIND_RESIDENCE_PERMIT && permit == NULL)
    {
      g_set_error (error, PD_MODEL_ERROR, PD_MODEL_ERROR_REQUIRED,
                   _("A “%s” case needs the work permit it is based on."),
                   pd_case_kind_to_label (kind));
      return FALSE;
    }

  if (permit == NULL)
    return TRUE;

  if (!is_blank (number) && !pd_validate_permit_number (number, error))
    return FALSE;

  return pd_validate_dates_in_order (pd_permit_get_valid_from (permit),
                                     pd_permit_get_valid_until (permit),
                                     _("work permit validity"), error);
}

/* What every case needs before it is saved: a named person with nationality and
 * passport, and for kinds that act on an existing permit, that permit (from the
 * moment the case leaves the draft state). */
gboolean
pd_case_validate (PdCase  *self,
                  GError **error)
{
  g_return_val_if_fail (PD_IS_CASE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return validate_person (pd_case_get_person (self), error) &&
         validate_permit (self, error);
}

/* Moves the case along its life, refusing a step that is not allowed. */
gboolean
pd_case_change_status (PdCase        *self,
                       PdCaseStatus   status,
                       GError       **error)
{
  PdCaseStatus current;

  g_return_val_if_fail (PD_IS_CASE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  current = pd_case_get_status (self);
  if (current == status)
    return TRUE;

  if (!pd_case_status_can_transition (current, status))
    {
      g_set_error (error, PD_MODEL_ERROR, PD_MODEL_ERROR_TRANSITION,
                   _("A case cannot go from “%s” to “%s”."),
                   pd_case_status_to_label (current), pd_case_status_to_label (status));
      return FALSE;
    }

  pd_case_set_status (self, status);
  return TRUE;
}
