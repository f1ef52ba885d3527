/* pd-checklist-view.c: the applicant's guided questions and document checklist
 *
 * The answers and the documents at hand live in a PdChecklistQuery that is saved,
 * private to the user, after every change; the checklist below the questions is
 * made again from the rules each time, so it always shows the rules in force.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-checklist-view"

#include "config.h"

#include <stdio.h>
#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "pd-application.h"
#include "pd-checklist-view.h"
#include "pd-core.h"

#define ANSWERS_FILE "checklist-answers.json"

struct _PdChecklistView
{
  AdwBin             parent_instance;

  PdRules           *rules;
  PdChecklistQuery  *query;
  PdChecklist       *checklist;
  GPtrArray         *city_ids;          /* position in city_row → id, NULL: another city */
  GPtrArray         *nationalities;     /* position in nationality_row → alpha-3, NULL: not stated */
  GPtrArray         *dynamic_rows;      /* rows added to the fixed groups, removed on refresh */
  GCancellable      *cancellable;
  char              *expanded_key;
  guint              refresh_source;
  gboolean           filling;

  AdwComboRow       *kind_row;
  AdwComboRow       *city_row;
  AdwComboRow       *category_row;
  AdwComboRow       *nationality_row;
  GtkSwitch         *in_china_switch;
  GtkSwitch         *legacy_switch;
  GtkSpinButton     *age_spin;
  AdwEntryRow       *valid_until_row;
  AdwEntryRow       *entry_row;
  AdwEntryRow       *decision_row;
  AdwEntryRow       *event_row;
  GtkLevelBar       *completeness_bar;
  AdwActionRow      *completeness_row;
  AdwPreferencesGroup *deadlines_group;
  AdwPreferencesGroup *filing_group;
  GtkBox            *items_box;
  AdwExpanderRow    *sources_row;
  AdwExpanderRow    *update_row;
};

G_DEFINE_FINAL_TYPE (PdChecklistView, pd_checklist_view, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_RULES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void schedule_refresh (PdChecklistView *self);

static gboolean
parse_date (const char *text,
            GDate      *date)
{
  int y, m, d;
  char end;

  g_date_clear (date, 1);
  if (text == NULL || *text == '\0')
    return TRUE;
  if (sscanf (text, "%d-%d-%d%c", &y, &m, &d, &end) != 3 || !g_date_valid_dmy (d, m, y))
    return FALSE;

  g_date_set_dmy (date, d, m, y);
  return TRUE;
}

static char *
format_date (const GDate *date)
{
  if (!g_date_valid (date))
    return g_strdup ("");

  return g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (date),
                          g_date_get_month (date), g_date_get_day (date));
}

static void
get_today (GDate *today)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  g_date_clear (today, 1);
  g_date_set_dmy (today, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));
}

static void
show_toast (PdChecklistView *self,
            const char      *message)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (message));
  else
    g_message ("%s", message);
}

static char *
answers_path (void)
{
  return g_build_filename (pd_core_get_data_dir (), ANSWERS_FILE, NULL);
}

/* The answers are personal data: private file, atomic write, never logged. */
static void
save_answers (PdChecklistView *self)
{
  g_autofree char *path = answers_path ();
  g_autoptr(GBytes) json = pd_checklist_query_to_json (self->query);
  g_autoptr(GError) error = NULL;

  if (!pd_core_ensure_data_dir (&error) ||
      !pd_core_write_private_file (path, g_bytes_get_data (json, NULL), g_bytes_get_size (json), &error))
    show_toast (self, error->message);
}

static PdChecklistQuery *
restore_answers (void)
{
  g_autofree char *path = answers_path ();
  g_autofree char *contents = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  gsize len;
  PdChecklistQuery *query;

  if (!g_file_get_contents (path, &contents, &len, NULL))
    return pd_checklist_query_new (PD_CASE_KIND_NEW_PERMIT);

  bytes = g_bytes_new_take (g_steal_pointer (&contents), len);
  /* The error would quote personal answers: it is not logged. */
  if (!(query = pd_checklist_query_from_json (bytes, &error)))
    {
      g_warning ("Saved checklist answers are unreadable; starting afresh");
      return pd_checklist_query_new (PD_CASE_KIND_NEW_PERMIT);
    }

  return query;
}

static void
fill_cities (PdChecklistView *self)
{
  GtkStringList *model = gtk_string_list_new (NULL);

  g_ptr_array_set_size (self->city_ids, 0);
  for (guint i = 0; i < pd_rules_get_n_cities (self->rules); i++)
    {
      gtk_string_list_append (model, pd_rules_get_city_name (self->rules, i));
      g_ptr_array_add (self->city_ids, g_strdup (pd_rules_get_city_id (self->rules, i)));
    }
  gtk_string_list_append (model, _("Another city"));
  g_ptr_array_add (self->city_ids, NULL);

  /* A new model resets the selection: not an answer of the user. */
  self->filling = TRUE;
  adw_combo_row_set_model (self->city_row, G_LIST_MODEL (model));
  self->filling = FALSE;
  g_object_unref (model);
}

typedef struct {
  char *code;
  char *name;
} Country;

static void
country_free (Country *country)
{
  g_free (country->code);
  g_free (country->name);
  g_free (country);
}

static int
compare_countries (gconstpointer a,
                   gconstpointer b)
{
  const Country *x = *(const Country * const *) a;
  const Country *y = *(const Country * const *) b;

  return g_utf8_collate (x->name, y->name);
}

/* Country names come from iso-codes, translated by its own gettext domain. */
static GPtrArray *
load_countries (void)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  GPtrArray *countries = g_ptr_array_new_with_free_func ((GDestroyNotify) country_free);
  JsonArray *list;

  if (!json_parser_load_from_file (parser, "/usr/share/iso-codes/json/iso_3166-1.json", NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return countries;

  list = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "3166-1");
  for (guint i = 0; list != NULL && i < json_array_get_length (list); i++)
    {
      JsonObject *entry = json_array_get_object_element (list, i);
      Country *country = g_new0 (Country, 1);

      country->code = g_strdup (json_object_get_string_member (entry, "alpha_3"));
      country->name = g_strdup (g_dgettext ("iso_3166-1", json_object_get_string_member (entry, "name")));
      g_ptr_array_add (countries, country);
    }
  g_ptr_array_sort (countries, compare_countries);

  return countries;
}

static void
fill_nationalities (PdChecklistView *self)
{
  g_autoptr(GPtrArray) countries = load_countries ();
  GtkStringList *model = gtk_string_list_new (NULL);

  gtk_string_list_append (model, _("Not stated"));
  g_ptr_array_add (self->nationalities, NULL);
  for (guint i = 0; i < countries->len; i++)
    {
      const Country *country = g_ptr_array_index (countries, i);
      g_autofree char *label = g_strdup_printf ("%s (%s)", country->name, country->code);

      gtk_string_list_append (model, label);
      g_ptr_array_add (self->nationalities, g_strdup (country->code));
    }

  self->filling = TRUE;
  adw_combo_row_set_model (self->nationality_row, G_LIST_MODEL (model));
  self->filling = FALSE;
  g_object_unref (model);
}

static guint
find_position (GPtrArray  *values,
               const char *value)
{
  for (guint i = 0; i < values->len; i++)
    if (g_strcmp0 (g_ptr_array_index (values, i), value) == 0)
      return i;

  return values->len - (value == NULL ? 0 : 1);
}

static void
set_entry_date (AdwEntryRow *row,
                const GDate *date)
{
  g_autofree char *text = format_date (date);

  gtk_editable_set_text (GTK_EDITABLE (row), text);
}

/* Shows the saved answers in the question widgets. */
static void
fill_answers (PdChecklistView *self)
{
  self->filling = TRUE;
  adw_combo_row_set_selected (self->kind_row, self->query->kind);
  adw_combo_row_set_selected (self->city_row, find_position (self->city_ids, self->query->city));
  adw_combo_row_set_selected (self->category_row, self->query->category);
  adw_combo_row_set_selected (self->nationality_row,
                              self->query->nationality
                              ? find_position (self->nationalities, self->query->nationality) : 0);
  gtk_switch_set_active (self->in_china_switch, self->query->in_china);
  gtk_switch_set_active (self->legacy_switch, self->query->legacy_card);
  gtk_spin_button_set_value (self->age_spin, MAX (self->query->age, 0));
  set_entry_date (self->valid_until_row, &self->query->valid_until);
  set_entry_date (self->entry_row, &self->query->entry_date);
  set_entry_date (self->decision_row, &self->query->decision_date);
  set_entry_date (self->event_row, &self->query->event_date);
  self->filling = FALSE;
}

/* Remembers where a row was added, so that a refresh can take it away again. */
static void
track_row (PdChecklistView *self,
           GtkWidget       *container,
           GtkWidget       *row)
{
  g_object_set_data (G_OBJECT (row), "pd-container", container);
  g_ptr_array_add (self->dynamic_rows, row);
}

static void
clear_dynamic_rows (PdChecklistView *self)
{
  for (guint i = 0; i < self->dynamic_rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->dynamic_rows, i);
      GtkWidget *container = g_object_get_data (G_OBJECT (row), "pd-container");

      if (ADW_IS_EXPANDER_ROW (container))
        adw_expander_row_remove (ADW_EXPANDER_ROW (container), row);
      else
        adw_preferences_group_remove (ADW_PREFERENCES_GROUP (container), row);
    }
  g_ptr_array_set_size (self->dynamic_rows, 0);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->items_box)); child != NULL;)
    {
      GtkWidget *next = gtk_widget_get_next_sibling (child);

      gtk_box_remove (self->items_box, child);
      child = next;
    }
}

static GtkWidget *
add_row (PdChecklistView     *self,
         AdwPreferencesGroup *group,
         const char          *title,
         const char          *subtitle,
         const char          *icon_name,
         gboolean             alert)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  if (icon_name != NULL)
    adw_action_row_add_prefix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name (icon_name));
  if (alert)
    gtk_widget_add_css_class (row, "error");
  adw_preferences_group_add (group, row);
  track_row (self, GTK_WIDGET (group), row);

  return row;
}

static void
show_deadlines (PdChecklistView *self)
{
  guint n = pd_checklist_get_n_deadlines (self->checklist);

  for (guint i = 0; i < n; i++)
    {
      const PdDeadline *deadline = pd_checklist_get_deadline (self->checklist, i);
      g_autofree char *date = format_date (&deadline->date);
      g_autofree char *subtitle = NULL;
      const char *flag = deadline->overdue ? _("Overdue")
                         : deadline->due_soon ? _("Due soon")
                         : deadline->window_start ? _("From this date") : _("Deadline");

      subtitle = g_strdup_printf ("%s · %s%s", date, flag,
                                  deadline->confirmed ? "" : _(" · not yet officially confirmed"));
      add_row (self, self->deadlines_group, deadline->title, subtitle,
               deadline->overdue || deadline->due_soon ? "alarm-symbolic" : "x-office-calendar-symbolic",
               deadline->overdue || deadline->due_soon);
    }

  if (n == 0)
    add_row (self, self->deadlines_group, _("No deadline yet"),
             _("Enter the dates above to see your deadlines"), NULL, FALSE);
}

static void
show_filing (PdChecklistView *self)
{
  const PdFilingRequirement *filing = pd_checklist_get_filing (self->checklist);
  g_autofree char *title = NULL;
  g_autofree char *description = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->filing_group), filing != NULL);
  if (filing == NULL)
    return;

  title = g_strdup_printf (_("File Originals in Person in %s"), filing->city);
  description = g_strdup_printf ("%s\n%s%s%s", filing->office, filing->address,
                                 filing->confirmed ? "" : "\n",
                                 filing->confirmed ? "" : _("Not yet confirmed by an official source: check with the office before you go."));
  adw_preferences_group_set_title (self->filing_group, title);
  adw_preferences_group_set_description (self->filing_group, description);
  for (guint i = 0; i < filing->bring->len; i++)
    add_row (self, self->filing_group, g_ptr_array_index (filing->bring, i), NULL,
             "document-send-symbolic", FALSE);
}

/* After an update (from the portal, or new rule files) the view says what changed. */
static void
show_update (PdChecklistView *self)
{
  g_autoptr(GPtrArray) changes = pd_rules_get_changes (self->rules);
  g_autofree char *title = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->update_row), changes != NULL && changes->len > 0);
  if (changes == NULL || changes->len == 0)
    return;

  title = g_strdup_printf (_("Rules updated to %s"), pd_rules_get_version (self->rules));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->update_row), title);
  for (guint i = 0; i < changes->len; i++)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), g_ptr_array_index (changes, i));
      adw_expander_row_add_row (self->update_row, row);
      track_row (self, GTK_WIDGET (self->update_row), row);
    }
}

static void
show_sources (PdChecklistView *self)
{
  guint n = pd_rules_get_n_sources (self->rules);

  adw_expander_row_set_subtitle (self->sources_row, pd_rules_get_version (self->rules));
  show_update (self);
  for (guint i = 0; i < n; i++)
    {
      GtkWidget *row = adw_action_row_new ();
      const char *title, *url;

      pd_rules_get_source (self->rules, i, &title, &url);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), url);
      adw_expander_row_add_row (self->sources_row, row);
      track_row (self, GTK_WIDGET (self->sources_row), row);
    }
}

static const char *
state_icon (PdChecklistItemState state)
{
  switch (state)
    {
    case PD_CHECKLIST_ITEM_OK: return "emblem-ok-symbolic";
    case PD_CHECKLIST_ITEM_PROVIDED: return "document-open-symbolic";
    case PD_CHECKLIST_ITEM_NEEDS_AUTHENTICATION: return "dialog-information-symbolic";
    case PD_CHECKLIST_ITEM_EXPIRED:
    case PD_CHECKLIST_ITEM_EXPIRES_BEFORE_DECISION: return "dialog-warning-symbolic";
    case PD_CHECKLIST_ITEM_MISSING:
    default: return "action-unavailable-symbolic";
    }
}

static const char *
widget_key (gpointer widget)
{
  return g_object_get_data (G_OBJECT (widget), "pd-key");
}

static void
set_widget_key (gpointer    widget,
                const char *key)
{
  g_object_set_data_full (G_OBJECT (widget), "pd-key", g_strdup (key), g_free);
}

/* Keeps the row the user works in open across the refresh that follows. */
static PdProvidedDocument *
document_for (PdChecklistView *self,
              gpointer         widget)
{
  g_free (self->expanded_key);
  self->expanded_key = g_strdup (widget_key (widget));

  return pd_checklist_query_provide (self->query, widget_key (widget));
}

static void
on_auth_toggled_cb (GtkCheckButton  *button,
                    PdChecklistView *self)
{
  PdProvidedDocument *document = document_for (self, button);
  PdAuthFlags flag = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "pd-auth"));

  if (gtk_check_button_get_active (button))
    document->auth |= flag;
  else
    document->auth &= ~flag;
  schedule_refresh (self);
}

static void
on_document_date_applied_cb (AdwEntryRow     *row,
                             PdChecklistView *self)
{
  gboolean expires = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), "pd-expires"));
  GDate date;

  if (!parse_date (gtk_editable_get_text (GTK_EDITABLE (row)), &date))
    {
      gtk_widget_add_css_class (GTK_WIDGET (row), "error");
      return;
    }

  *(expires ? &document_for (self, row)->expires : &document_for (self, row)->issued) = date;
  schedule_refresh (self);
}

static void
on_have_clicked_cb (GtkButton       *button,
                    PdChecklistView *self)
{
  document_for (self, button);
  schedule_refresh (self);
}

static void
on_withdraw_clicked_cb (GtkButton       *button,
                        PdChecklistView *self)
{
  pd_checklist_query_withdraw (self->query, widget_key (button));
  schedule_refresh (self);
}

typedef struct {
  char *key;
  char *path;
} Attachment;

static void
attachment_free (Attachment *attachment)
{
  g_free (attachment->key);
  g_free (attachment->path);
  g_free (attachment);
}

static void
hash_file_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  Attachment *attachment = task_data;
  g_autoptr(GFile) file = g_file_new_for_path (attachment->path);
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autoptr(GError) error = NULL;
  guint8 buffer[65536];
  gssize n;

  if (!(stream = g_file_read (file, cancellable, &error)))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  while ((n = g_input_stream_read (G_INPUT_STREAM (stream), buffer, sizeof buffer, cancellable, &error)) > 0)
    g_checksum_update (checksum, buffer, n);

  if (n < 0)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, g_strdup (g_checksum_get_string (checksum)), g_free);
}

static void
on_file_hashed_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  PdChecklistView *self = PD_CHECKLIST_VIEW (object);
  Attachment *attachment = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autofree char *sha256 = g_task_propagate_pointer (G_TASK (result), &error);
  PdProvidedDocument *document;

  if (sha256 == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_toast (self, error->message);
      return;
    }

  document = pd_checklist_query_provide (self->query, attachment->key);
  g_free (document->sha256);
  document->sha256 = g_steal_pointer (&sha256);
  g_free (document->file);
  document->file = g_strdup (attachment->path);
  schedule_refresh (self);
}

static void
on_attach_response_cb (GtkNativeDialog *dialog,
                       int              response,
                       PdChecklistView *self)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GTask) task = NULL;
  Attachment *attachment;

  if (response == GTK_RESPONSE_ACCEPT &&
      (file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog))) != NULL &&
      g_file_peek_path (file) != NULL)
    {
      attachment = g_new0 (Attachment, 1);
      attachment->key = g_strdup (widget_key (dialog));
      attachment->path = g_file_get_path (file);
      task = g_task_new (self, self->cancellable, on_file_hashed_cb, NULL);
      g_task_set_source_tag (task, on_attach_response_cb);
      g_task_set_task_data (task, attachment, (GDestroyNotify) attachment_free);
      g_task_run_in_thread (task, hash_file_thread);
    }

  g_object_unref (dialog);
}

static void
on_attach_clicked_cb (GtkButton       *button,
                      PdChecklistView *self)
{
  GtkFileChooserNative *native;

  document_for (self, button);
  native = gtk_file_chooser_native_new (_("Attach a Document"),
                                        GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                        GTK_FILE_CHOOSER_ACTION_OPEN, _("_Attach"), _("_Cancel"));
  set_widget_key (native, widget_key (button));
  g_signal_connect (native, "response", G_CALLBACK (on_attach_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

static GtkWidget *
make_button (const char *label,
             const char *key,
             GCallback   callback,
             gpointer    self)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  set_widget_key (button, key);
  g_signal_connect (button, "clicked", callback, self);

  return button;
}

static GtkWidget *
make_auth_row (PdChecklistView          *self,
               const PdChecklistItem    *item,
               const PdProvidedDocument *document)
{
  static const struct { PdAuthFlags flag; const char *label; } checks[] = {
    { PD_AUTH_COMPANY_SEAL, N_("Company seal") },
    { PD_AUTH_APOSTILLE, N_("Apostille") },
    { PD_AUTH_LEGALISATION, N_("Legalisation") },
    { PD_AUTH_TRANSLATION, N_("Translation") },
  };
  g_autofree char *needed = pd_auth_flags_describe (item->auth_needed);
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Authentication needed"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), needed);
  for (guint i = 0; i < G_N_ELEMENTS (checks); i++)
    {
      GtkWidget *check;

      if (!(item->auth_needed & checks[i].flag))
        continue;
      check = gtk_check_button_new_with_label (_(checks[i].label));
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), document && (document->auth & checks[i].flag));
      set_widget_key (check, item->key);
      g_object_set_data (G_OBJECT (check), "pd-auth", GUINT_TO_POINTER (checks[i].flag));
      g_signal_connect (check, "toggled", G_CALLBACK (on_auth_toggled_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), check);
    }

  return row;
}

static GtkWidget *
make_file_row (PdChecklistView          *self,
               const PdChecklistItem    *item,
               const PdProvidedDocument *document)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *name = document && document->file ? g_path_get_basename (document->file) : NULL;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Attached file"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                               name ? name : document ? _("At hand, no file attached") : _("Not at hand"));
  if (document == NULL)
    adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                               make_button (_("I _Have It"), item->key, G_CALLBACK (on_have_clicked_cb), self));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             make_button (_("_Attach…"), item->key, G_CALLBACK (on_attach_clicked_cb), self));
  if (document != NULL)
    adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                               make_button (_("_Remove"), item->key, G_CALLBACK (on_withdraw_clicked_cb), self));

  return row;
}

static GtkWidget *
make_date_row (PdChecklistView *self,
               const char      *title,
               const char      *key,
               const GDate     *date,
               gboolean         expires)
{
  GtkWidget *row = adw_entry_row_new ();
  g_autofree char *text = date ? format_date (date) : NULL;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (row), TRUE);
  if (text != NULL)
    gtk_editable_set_text (GTK_EDITABLE (row), text);
  set_widget_key (row, key);
  g_object_set_data (G_OBJECT (row), "pd-expires", GINT_TO_POINTER (expires));
  g_signal_connect (row, "apply", G_CALLBACK (on_document_date_applied_cb), self);

  return row;
}

static GtkWidget *
make_item_row (PdChecklistView       *self,
               const PdChecklistItem *item)
{
  const PdProvidedDocument *document = g_hash_table_lookup (self->query->documents, item->key);
  gboolean alert = item->state == PD_CHECKLIST_ITEM_EXPIRED ||
                   item->state == PD_CHECKLIST_ITEM_EXPIRES_BEFORE_DECISION;
  GtkWidget *row = adw_expander_row_new ();
  GtkWidget *explanation = adw_action_row_new ();
  g_autofree char *subtitle = NULL;
  g_autofree char *source = NULL;

  subtitle = g_strdup_printf ("%s · %s%s", pd_checklist_item_state_describe (item->state),
                              item->required ? _("required") : _("optional"),
                              item->confirmed ? "" : _(" · not yet officially confirmed"));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), item->title);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle);
  adw_expander_row_add_prefix (ADW_EXPANDER_ROW (row), gtk_image_new_from_icon_name (state_icon (item->state)));
  if (alert)
    gtk_widget_add_css_class (row, "error");
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), g_strcmp0 (self->expanded_key, item->key) == 0);

  source = g_strdup_printf (_("Source: %s"), item->source_title);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (explanation), item->explanation);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (explanation), source);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), explanation);
  if ((item->auth_needed & ~PD_AUTH_ORIGINAL) != 0)
    adw_expander_row_add_row (ADW_EXPANDER_ROW (row), make_auth_row (self, item, document));
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), make_file_row (self, item, document));
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row),
                            make_date_row (self, _("Issued on (YYYY-MM-DD)"), item->key,
                                           document ? &document->issued : NULL, FALSE));
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row),
                            make_date_row (self, _("Expires on (YYYY-MM-DD)"), item->key,
                                           document ? &document->expires : NULL, TRUE));

  return row;
}

/* One group per kind of document, in the order the rules first name them. */
static void
show_items (PdChecklistView *self)
{
  g_autoptr(GHashTable) groups = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < pd_checklist_get_n_items (self->checklist); i++)
    {
      const PdChecklistItem *item = pd_checklist_get_item (self->checklist, i);
      GtkWidget *group = g_hash_table_lookup (groups, item->group);

      if (group == NULL)
        {
          group = adw_preferences_group_new ();
          adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), item->group_title);
          gtk_box_append (self->items_box, group);
          g_hash_table_insert (groups, (gpointer) item->group, group);
        }
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), make_item_row (self, item));
    }
}

static void
refresh (PdChecklistView *self)
{
  g_autofree char *percent = NULL;
  GDate today;

  g_clear_handle_id (&self->refresh_source, g_source_remove);
  if (!pd_rules_is_loaded (self->rules))
    return;

  get_today (&today);
  g_clear_pointer (&self->checklist, pd_checklist_unref);
  self->checklist = pd_rules_make_checklist (self->rules, self->query, &today);

  clear_dynamic_rows (self);
  gtk_level_bar_set_value (self->completeness_bar, pd_checklist_get_completeness (self->checklist));
  percent = g_strdup_printf (_("%d%% complete"), (int) (pd_checklist_get_completeness (self->checklist) * 100 + 0.5));
  adw_action_row_set_subtitle (self->completeness_row, percent);
  show_deadlines (self);
  show_filing (self);
  show_items (self);
  show_sources (self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "checklist.print", TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "checklist.export-pdf", TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "checklist.export-json", TRUE);
  save_answers (self);
}

static gboolean
refresh_idle_cb (gpointer data)
{
  PdChecklistView *self = data;

  self->refresh_source = 0;
  refresh (self);
  return G_SOURCE_REMOVE;
}

/* Deferred: the widget that asked may be one the refresh replaces. */
static void
schedule_refresh (PdChecklistView *self)
{
  if (self->refresh_source == 0)
    self->refresh_source = g_idle_add (refresh_idle_cb, self);
}

static void
read_date_row (AdwEntryRow *row,
               GDate       *date)
{
  GDate parsed;

  if (parse_date (gtk_editable_get_text (GTK_EDITABLE (row)), &parsed))
    {
      gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
      *date = parsed;
    }
  else
    gtk_widget_add_css_class (GTK_WIDGET (row), "error");
}

static void
on_question_changed_cb (PdChecklistView *self)
{
  PdChecklistQuery *query = self->query;
  guint city = adw_combo_row_get_selected (self->city_row);
  guint nationality = adw_combo_row_get_selected (self->nationality_row);
  int age = gtk_spin_button_get_value_as_int (self->age_spin);

  if (self->filling)
    return;

  query->kind = MIN (adw_combo_row_get_selected (self->kind_row), PD_CASE_KIND_RESIDENCE_PERMIT);
  query->category = MIN (adw_combo_row_get_selected (self->category_row), PD_PERMIT_CATEGORY_C);
  g_free (query->city);
  query->city = g_strdup (city < self->city_ids->len ? g_ptr_array_index (self->city_ids, city) : NULL);
  g_free (query->nationality);
  query->nationality = g_strdup (nationality < self->nationalities->len
                                 ? g_ptr_array_index (self->nationalities, nationality) : NULL);
  query->in_china = gtk_switch_get_active (self->in_china_switch);
  query->legacy_card = gtk_switch_get_active (self->legacy_switch);
  query->age = age > 0 ? age : -1;
  read_date_row (self->valid_until_row, &query->valid_until);
  read_date_row (self->entry_row, &query->entry_date);
  read_date_row (self->decision_row, &query->decision_date);
  read_date_row (self->event_row, &query->event_date);

  schedule_refresh (self);
}

static void
on_export_response_cb (GtkNativeDialog *dialog,
                       int              response,
                       PdChecklistView *self)
{
  gboolean pdf = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dialog), "pd-pdf"));
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT && self->checklist != NULL &&
      (file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog))) != NULL &&
      (path = g_file_get_path (file)) != NULL)
    {
      gboolean ok = pdf ? pd_checklist_export_pdf (self->checklist, path, &error)
                        : pd_checklist_save_json (self->checklist, self->query, path, &error);

      show_toast (self, ok ? _("Checklist exported") : error->message);
    }

  g_object_unref (dialog);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  PdChecklistView *self = PD_CHECKLIST_VIEW (widget);
  gboolean pdf = g_str_equal (action_name, "checklist.export-pdf");
  GtkFileChooserNative *native;

  native = gtk_file_chooser_native_new (pdf ? _("Export Checklist as PDF") : _("Export Checklist as JSON"),
                                        GTK_WINDOW (gtk_widget_get_root (widget)),
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), pdf ? "checklist.pdf" : "checklist.json");
  g_object_set_data (G_OBJECT (native), "pd-pdf", GINT_TO_POINTER (pdf));
  g_signal_connect (native, "response", G_CALLBACK (on_export_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

static void
on_begin_print_cb (GtkPrintOperation *operation,
                   GtkPrintContext   *context,
                   PdChecklistView   *self)
{
  int pages = pd_checklist_count_pages (self->checklist, gtk_print_context_get_cairo_context (context),
                                        gtk_print_context_get_width (context),
                                        gtk_print_context_get_height (context));

  gtk_print_operation_set_n_pages (operation, pages);
}

static void
on_draw_page_cb (GtkPrintOperation *operation,
                 GtkPrintContext   *context,
                 int                page,
                 PdChecklistView   *self)
{
  pd_checklist_draw_page (self->checklist, gtk_print_context_get_cairo_context (context),
                          gtk_print_context_get_width (context),
                          gtk_print_context_get_height (context), page);
}

static void
on_print_done_cb (GtkPrintOperation       *operation,
                  GtkPrintOperationResult  result,
                  PdChecklistView         *self)
{
  g_autoptr(GError) error = NULL;

  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      gtk_print_operation_get_error (operation, &error);
      show_toast (self, error->message);
    }
  g_object_unref (operation);
}

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  PdChecklistView *self = PD_CHECKLIST_VIEW (widget);
  GtkPrintOperation *operation = gtk_print_operation_new ();
  g_autoptr(GError) error = NULL;

  gtk_print_operation_set_job_name (operation, _("Document checklist"));
  gtk_print_operation_set_allow_async (operation, TRUE);
  g_signal_connect_object (operation, "begin-print", G_CALLBACK (on_begin_print_cb), self, 0);
  g_signal_connect_object (operation, "draw-page", G_CALLBACK (on_draw_page_cb), self, 0);
  g_signal_connect_object (operation, "done", G_CALLBACK (on_print_done_cb), self, 0);

  if (gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                               GTK_WINDOW (gtk_widget_get_root (widget)), &error) ==
      GTK_PRINT_OPERATION_RESULT_ERROR)
    show_toast (self, error->message);
}

static void
on_rules_changed_cb (PdChecklistView *self)
{
  fill_cities (self);
  fill_answers (self);
  schedule_refresh (self);
}

static void
pd_checklist_view_constructed (GObject *object)
{
  PdChecklistView *self = PD_CHECKLIST_VIEW (object);
  g_autoptr(GError) error = NULL;

  G_OBJECT_CLASS (pd_checklist_view_parent_class)->constructed (object);

  if (self->rules == NULL)
    {
      self->rules = pd_application_dup_default_rules (&error);
      if (error != NULL)
        adw_expander_row_set_subtitle (self->sources_row, error->message);
    }
  g_signal_connect_object (self->rules, "changed", G_CALLBACK (on_rules_changed_cb), self, G_CONNECT_SWAPPED);

  fill_cities (self);
  fill_nationalities (self);
  self->query = restore_answers ();
  fill_answers (self);
  refresh (self);
}

static void
pd_checklist_view_dispose (GObject *object)
{
  PdChecklistView *self = PD_CHECKLIST_VIEW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->refresh_source, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), PD_TYPE_CHECKLIST_VIEW);
  g_clear_object (&self->rules);

  G_OBJECT_CLASS (pd_checklist_view_parent_class)->dispose (object);
}

static void
pd_checklist_view_finalize (GObject *object)
{
  PdChecklistView *self = PD_CHECKLIST_VIEW (object);

  g_clear_pointer (&self->query, pd_checklist_query_free);
  g_clear_pointer (&self->checklist, pd_checklist_unref);
  g_clear_pointer (&self->city_ids, g_ptr_array_unref);
  g_clear_pointer (&self->nationalities, g_ptr_array_unref);
  g_clear_pointer (&self->dynamic_rows, g_ptr_array_unref);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->expanded_key, g_free);

  G_OBJECT_CLASS (pd_checklist_view_parent_class)->finalize (object);
}

static void
pd_checklist_view_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  PdChecklistView *self = PD_CHECKLIST_VIEW (object);

  switch (prop_id)
    {
    case PROP_RULES:
      g_value_set_object (value, self->rules);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pd_checklist_view_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  PdChecklistView *self = PD_CHECKLIST_VIEW (object);

  switch (prop_id)
    {
    case PROP_RULES:
      self->rules = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pd_checklist_view_class_init (PdChecklistViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = pd_checklist_view_constructed;
  object_class->dispose = pd_checklist_view_dispose;
  object_class->finalize = pd_checklist_view_finalize;
  object_class->get_property = pd_checklist_view_get_property;
  object_class->set_property = pd_checklist_view_set_property;

  properties[PROP_RULES] =
    g_param_spec_object ("rules", NULL, NULL, PD_TYPE_RULES,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/example/PermitDesk/pd-checklist-view.ui");
  gtk_widget_class_bind_template_child (widget_class, PdChecklistView, kind_row);
  gtk_widget_class_bind_template_child (widget_class, PdChecklistView, city_row);
  gtk_widget_class_bind_template_child (widget_class, PdChecklistView, category_row);
  gtk_widget_class_bind_template_child (widget_class, PdChecklistView, nationality_row);
  gtk_widget_class_bind_template_child (widget_class, PdChecklistView, in_china_switch);
  gtk_widget_class_bind_template_child (widget_class, PdChecklistView, legacy_switch);
  gtk_widget_class_bind_template_child (widget_class, PdChecklistView, age_spin);
  gtk_widget_class_bind_template_child (widget_class, PdChecklistView, valid_until_row);
  gtk_widget_class_bind_template_child (widget_class, PdChecklistView, entry_row);
  gtk_widget_class_bind_template_child (widget_class, PdChecklistView, decision_row);
  gtk_widget_class_bind_template_child (widget_class, PdChecklistView, event_row);
  gtk_widget_class_bind_template_child (widget_class, PdChecklistView, completeness_bar);
  gtk_widget_class_bind_template_child (widget_class, PdChecklistView, completeness_row);
  gtk_widget_class_bind_template_child (widget_class, PdChecklistView, deadlines_group);
  gtk_widget_class_bind_template_child (widget_class, PdChecklistView, filing_group);
  gtk_widget_class_bind_template_child (widget_class, PdChecklistView, items_box);
  gtk_widget_class_bind_template_child (widget_class, PdChecklistView, sources_row);
  gtk_widget_class_bind_template_child (widget_class, PdChecklistView, update_row);

  gtk_widget_class_install_action (widget_class, "checklist.print", NULL, print_action);
  gtk_widget_class_install_action (widget_class, "checklist.export-pdf", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "checklist.export-json", NULL, export_action);
}

static void
pd_checklist_view_init (PdChecklistView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->city_ids = g_ptr_array_new_with_free_func (g_free);
  self->nationalities = g_ptr_array_new_with_free_func (g_free);
  self->dynamic_rows = g_ptr_array_new ();
  self->cancellable = g_cancellable_new ();

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "checklist.print", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "checklist.export-pdf", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "checklist.export-json", FALSE);

  g_signal_connect_swapped (self->kind_row, "notify::selected", G_CALLBACK (on_question_changed_cb), self);
  g_signal_connect_swapped (self->city_row, "notify::selected", G_CALLBACK (on_question_changed_cb), self);
  g_signal_connect_swapped (self->category_row, "notify::selected", G_CALLBACK (on_question_changed_cb), self);
  g_signal_connect_swapped (self->nationality_row, "notify::selected", G_CALLBACK (on_question_changed_cb), self);
  g_signal_connect_swapped (self->in_china_switch, "notify::active", G_CALLBACK (on_question_changed_cb), self);
  g_signal_connect_swapped (self->legacy_switch, "notify::active", G_CALLBACK (on_question_changed_cb), self);
  g_signal_connect_swapped (self->age_spin, "value-changed", G_CALLBACK (on_question_changed_cb), self);
  g_signal_connect_swapped (self->valid_until_row, "apply", G_CALLBACK (on_question_changed_cb), self);
  g_signal_connect_swapped (self->entry_row, "apply", G_CALLBACK (on_question_changed_cb), self);
  g_signal_connect_swapped (self->decision_row, "apply", G_CALLBACK (on_question_changed_cb), self);
  g_signal_connect_swapped (self->event_row, "apply", G_CALLBACK (on_question_changed_cb), self);
}

/* @rules: (nullable): the rules to use; NULL takes the application's (pd_application_dup_default_rules()). */
GtkWidget *
pd_checklist_view_new (PdRules *rules)
{
  g_return_val_if_fail (rules == NULL || PD_IS_RULES (rules), NULL);

  return g_object_new (PD_TYPE_CHECKLIST_VIEW, "rules", rules, NULL);
}

PdRules *
pd_checklist_view_get_rules (PdChecklistView *self)
{
  g_return_val_if_fail (PD_IS_CHECKLIST_VIEW (self), NULL);

  return self->rules;
}

/* Returns: (transfer none) (nullable): the checklist shown, NULL when no rules are loaded. */
PdChecklist *
pd_checklist_view_get_checklist (PdChecklistView *self)
{
  g_return_val_if_fail (PD_IS_CHECKLIST_VIEW (self), NULL);

  return self->checklist;
}

const PdChecklistQuery *
pd_checklist_view_get_query (PdChecklistView *self)
{
  g_return_val_if_fail (PD_IS_CHECKLIST_VIEW (self), NULL);

  return self->query;
}
