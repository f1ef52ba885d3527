/* pd-sync-button.c: the portal sync state in the header bar
 *
 * The button says at a glance whether the cases are in step with the portal (synced,
 * syncing, changes waiting, offline, conflicts); its popover tells when the last sync
 * was, syncs now, and lists each conflict with both versions and the two ways out.
 * Nothing here decides for the user: a conflict stays until they choose.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-sync-button"

#include "config.h"

#include <glib/gi18n.h>

#include "pd-portal-client.h"
#include "pd-sign-in-dialog.h"
#include "pd-sync-button.h"
#include "pd-sync-conflict.h"

struct _PdSyncButton
{
  AdwBin          parent_instance;

  PdSyncEngine   *engine;
  GCancellable   *cancellable;

  GtkMenuButton  *button;
  GtkImage       *icon;
  GtkSpinner     *spinner;
  GtkLabel       *status_label;
  GtkLabel       *detail_label;
  GtkListBox     *conflicts_list;
  GtkWidget      *conflicts_box;
  GtkWidget      *sign_in_button;
};

G_DEFINE_FINAL_TYPE (PdSyncButton, pd_sync_button, ADW_TYPE_BIN)

static char *
format_last_synced (GDateTime *when)
{
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *time = NULL;

  if (when == NULL)
    return g_strdup (_("Never synced with the portal"));

  local = g_date_time_to_local (when);
  time = g_date_time_format (local, "%Y-%m-%d %H:%M");
  /* Translators: %s is a date and time */
  return g_strdup_printf (_("Last synced %s"), time);
}

static void
update (PdSyncButton *self)
{
  PdSyncState state = pd_sync_engine_get_state (self->engine);
  guint pending = pd_sync_engine_get_pending (self->engine);
  guint n_conflicts = g_list_model_get_n_items (pd_sync_engine_get_conflicts (self->engine));
  g_autofree char *status = NULL;
  g_autofree char *detail = format_last_synced (pd_sync_engine_get_last_synced (self->engine));
  const char *icon = "emblem-ok-symbolic";
  gboolean signed_in = pd_portal_client_get_signed_in (pd_sync_engine_get_client (self->engine));

  if (!signed_in && pending == 0 && n_conflicts == 0)
    {
      status = g_strdup (_("Not signed in to the portal: sign in to sync"));
      icon = "network-offline-symbolic";
    }
  else if (n_conflicts > 0)
    {
      status = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u conflict to resolve",
                                             "%u conflicts to resolve", n_conflicts), n_conflicts);
      icon = "dialog-warning-symbolic";
    }
  else if (state == PD_SYNC_STATE_SYNCING)
    status = g_strdup (_("Syncing with the portal…"));
  else if (state == PD_SYNC_STATE_OFFLINE)
    {
      status = g_strdup (_("Offline: changes are kept and sent later"));
      icon = "network-offline-symbolic";
    }
  else if (state == PD_SYNC_STATE_ERROR)
    {
      status = g_strdup (pd_sync_engine_get_error_message (self->engine));
      icon = "dialog-error-symbolic";
    }
  else if (!signed_in)
    {
      status = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u change waits until you sign in to the portal",
                                             "%u changes wait until you sign in to the portal", pending), pending);
      icon = "document-send-symbolic";
    }
  else if (pending > 0)
    {
      status = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u change waits to be sent",
                                             "%u changes wait to be sent", pending), pending);
      icon = "document-send-symbolic";
    }
  else if (pd_sync_engine_get_last_synced (self->engine) == NULL)
    status = g_strdup (_("Not synced yet"));
  else
    status = g_strdup (_("In step with the portal"));

  if (state == PD_SYNC_STATE_OFFLINE && pending > 0)
    {
      g_autofree char *waiting = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s; %u change waits",
                                                               "%s; %u changes wait", pending),
                                                  detail, pending);
      g_free (detail);
      detail = g_steal_pointer (&waiting);
    }

  gtk_label_set_text (self->status_label, status ? status : "");
  gtk_label_set_text (self->detail_label, detail);
  gtk_image_set_from_icon_name (self->icon, icon);
  gtk_widget_set_visible (GTK_WIDGET (self->icon), state != PD_SYNC_STATE_SYNCING);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), state == PD_SYNC_STATE_SYNCING);
  gtk_spinner_set_spinning (self->spinner, state == PD_SYNC_STATE_SYNCING);
  gtk_widget_set_visible (self->conflicts_box, n_conflicts > 0);
  /* A session that expired, or was never there: sign in right here. */
  gtk_widget_set_visible (self->sign_in_button, !signed_in);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->button), status);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, status, -1);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sync.now", state != PD_SYNC_STATE_SYNCING && signed_in);
}

static void
on_engine_notify_cb (PdSyncButton *self)
{
  update (self);
}

static void
on_synced_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(PdSyncButton) self = user_data;
  g_autoptr(GError) error = NULL;

  /* The state and message properties carry the outcome to the user. */
  if (!pd_sync_engine_sync_finish (PD_SYNC_ENGINE (source), result, &error))
    g_debug ("Sync did not complete: %s", error->message);
  if (self->engine != NULL)
    update (self);
}

static void
on_sign_in_activated_cb (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  PdSyncButton *self = PD_SYNC_BUTTON (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  PdSignInDialog *dialog;

  if (self->engine == NULL)
    return;

  gtk_popover_popdown (GTK_POPOVER (gtk_menu_button_get_popover (self->button)));
  dialog = pd_sign_in_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                  pd_sync_engine_get_client (self->engine));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_sync_now_activated_cb (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  PdSyncButton *self = PD_SYNC_BUTTON (widget);

  if (self->engine == NULL)
    return;

  pd_sync_engine_sync_async (self->engine, self->cancellable, on_synced_cb, g_object_ref (self));
  update (self);
}

static void
resolve (PdSyncButton     *self,
         PdSyncConflict   *conflict,
         PdSyncResolution  resolution)
{
  g_autoptr(GError) error = NULL;

  if (!pd_sync_engine_resolve_conflict (self->engine, conflict, resolution, &error))
    {
      GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
      AdwToast *toast = adw_toast_new (error->message);

      /* A toast outlives the next status update, which would hide the reason. */
      adw_toast_set_timeout (toast, 0);
      if (overlay != NULL)
        adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
      else
        g_object_unref (g_object_ref_sink (toast));
    }
  else if (resolution == PD_SYNC_RESOLUTION_KEEP_MINE)
    pd_sync_engine_sync_async (self->engine, self->cancellable, on_synced_cb, g_object_ref (self));
  update (self);
}

static void
on_keep_mine_clicked_cb (GtkButton *button,
                         gpointer   user_data)
{
  PdSyncButton *self = PD_SYNC_BUTTON (gtk_widget_get_ancestor (GTK_WIDGET (button), PD_TYPE_SYNC_BUTTON));

  resolve (self, user_data, PD_SYNC_RESOLUTION_KEEP_MINE);
}

static void
on_take_theirs_clicked_cb (GtkButton *button,
                           gpointer   user_data)
{
  PdSyncButton *self = PD_SYNC_BUTTON (gtk_widget_get_ancestor (GTK_WIDGET (button), PD_TYPE_SYNC_BUTTON));

  resolve (self, user_data, PD_SYNC_RESOLUTION_TAKE_THEIRS);
}

static GtkWidget *
version_label (const char *title,
               const char *json)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *heading = gtk_label_new (title);
  GtkWidget *text = gtk_label_new (json ? json : _("(nothing)"));

  gtk_widget_add_css_class (heading, "heading");
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_label_set_xalign (GTK_LABEL (text), 0);
  gtk_label_set_wrap (GTK_LABEL (text), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (text), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (text), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (text), 60);
  gtk_widget_add_css_class (text, "monospace");
  gtk_box_append (GTK_BOX (box), heading);
  gtk_box_append (GTK_BOX (box), text);
  return box;
}

static GtkWidget *
create_conflict_row (gpointer item,
                     gpointer user_data)
{
  PdSyncConflict *conflict = item;
  GtkWidget *row = adw_expander_row_new ();
  GtkWidget *body = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *keep = gtk_button_new_with_mnemonic (_("_Keep Mine"));
  GtkWidget *take = gtk_button_new_with_mnemonic (_("_Take the Portal’s"));
  const char *message = pd_sync_conflict_get_message (conflict);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                 pd_sync_conflict_get_reason (conflict) == PD_SYNC_CONFLICT_CHANGED
                                 ? _("Changed on the portal meanwhile")
                                 : _("Refused by the portal"));
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), message ? message : "");

  gtk_widget_set_margin_top (body, 12);
  gtk_widget_set_margin_bottom (body, 12);
  gtk_widget_set_margin_start (body, 12);
  gtk_widget_set_margin_end (body, 12);
  gtk_box_append (GTK_BOX (body), version_label (_("Your version"), pd_sync_conflict_get_local_json (conflict)));
  gtk_box_append (GTK_BOX (body), version_label (_("The portal’s version"), pd_sync_conflict_get_server_json (conflict)));

  gtk_widget_set_tooltip_text (keep, _("Send your change again, over the portal’s version"));
  gtk_widget_set_tooltip_text (take, _("Drop your change and keep what the portal has"));
  gtk_widget_add_css_class (keep, "suggested-action");
  g_signal_connect_object (keep, "clicked", G_CALLBACK (on_keep_mine_clicked_cb), conflict, 0);
  g_signal_connect_object (take, "clicked", G_CALLBACK (on_take_theirs_clicked_cb), conflict, 0);
  gtk_widget_set_halign (buttons, GTK_ALIGN_END);
  gtk_box_append (GTK_BOX (buttons), take);
  gtk_box_append (GTK_BOX (buttons), keep);
  gtk_box_append (GTK_BOX (body), buttons);

  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), body);
  return row;
}

static void
pd_sync_button_dispose (GObject *object)
{
  PdSyncButton *self = PD_SYNC_BUTTON (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->engine);

  G_OBJECT_CLASS (pd_sync_button_parent_class)->dispose (object);
}

static void
pd_sync_button_class_init (PdSyncButtonClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pd_sync_button_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/org/example/PermitDesk/pd-sync-button.ui");
  gtk_widget_class_bind_template_child (widget_class, PdSyncButton, button);
  gtk_widget_class_bind_template_child (widget_class, PdSyncButton, icon);
  gtk_widget_class_bind_template_child (widget_class, PdSyncButton, spinner);
  gtk_widget_class_bind_template_child (widget_class, PdSyncButton, status_label);
  gtk_widget_class_bind_template_child (widget_class, PdSyncButton, detail_label);
  gtk_widget_class_bind_template_child (widget_class, PdSyncButton, conflicts_list);
  gtk_widget_class_bind_template_child (widget_class, PdSyncButton, conflicts_box);
  gtk_widget_class_bind_template_child (widget_class, PdSyncButton, sign_in_button);

  gtk_widget_class_install_action (widget_class, "sync.now", NULL, on_sync_now_activated_cb);
  gtk_widget_class_install_action (widget_class, "sync.sign-in", NULL, on_sign_in_activated_cb);
}

static void
pd_sync_button_init (PdSyncButton *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}

/* Without an engine (no database) the button stays hidden. */
void
pd_sync_button_set_engine (PdSyncButton *self,
                           PdSyncEngine *engine)
{
  g_return_if_fail (PD_IS_SYNC_BUTTON (self));
  g_return_if_fail (!engine || PD_IS_SYNC_ENGINE (engine));

  if (self->engine != NULL)
    g_signal_handlers_disconnect_by_data (self->engine, self);
  g_set_object (&self->engine, engine);
  gtk_widget_set_visible (GTK_WIDGET (self), engine != NULL);
  if (engine == NULL)
    return;

  g_signal_connect_object (engine, "notify", G_CALLBACK (on_engine_notify_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (pd_sync_engine_get_client (engine), "notify::signed-in",
                           G_CALLBACK (on_engine_notify_cb), self, G_CONNECT_SWAPPED);
  gtk_list_box_bind_model (self->conflicts_list, pd_sync_engine_get_conflicts (engine),
                           create_conflict_row, self, NULL);
  update (self);
}

const char *
pd_sync_button_get_status_text (PdSyncButton *self)
{
  g_return_val_if_fail (PD_IS_SYNC_BUTTON (self), NULL);

  return gtk_label_get_text (self->status_label);
}
