/* pd-verify-view.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Verify view: every way a code gets in (camera, USB keyboard-wedge scanner, image or
 * PDF file, clipboard, typing) ends in one PdCode and the code-read signal; with a verifier
 * set, each code is then verified, its verdict shown and recorded in the audit log while
 * the camera keeps looking for the next one.
 */
#define G_LOG_DOMAIN "pd-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "pd-audit-log.h"
#include "pd-camera-preview.h"
#include "pd-verdict-view.h"
#include "pd-verifier.h"
#include "pd-scan-file.h"
#include "pd-scanner.h"
#include "pd-verify-view.h"

/* A keyboard-wedge scanner types a whole code in a few milliseconds per key; people are
 * several times slower. */
#define WEDGE_MAX_GAP_US    (50 * 1000)
#define WEDGE_MIN_CHARS     4
#define WEDGE_MAX_BYTES     8192
#define WEDGE_FLUSH_MS      120
#define CODE_FOUND_SOUND    "/org/example/PermitDesk/sounds/code-found.oga"

struct _PdVerifyView
{
  AdwBin                 parent_instance;

  GtkStack              *camera_stack;
  PdCameraPreview       *preview;
  AdwStatusPage         *camera_status;
  GtkImage              *state_icon;
  GtkLabel              *state_label;
  GtkDropDown           *camera_dropdown;
  AdwEntryRow           *code_entry;
  GtkLabel              *message_label;
  AdwPreferencesGroup   *result_group;
  AdwActionRow          *text_row;
  AdwActionRow          *format_row;
  AdwActionRow          *source_row;
  AdwActionRow          *time_row;
  PdVerdictView         *verdict_view;
  GtkLabel              *shift_label;

  PdCamera              *camera;
  GListStore            *cameras;
  PdCameraDeviceWatch   *device_watch;     /* while shown */
  gboolean               filling_cameras;
  PdCode                *last_code;
  GCancellable          *cancellable;
  GtkMediaStream        *sound;
  GtkEventController    *wedge;
  GString               *burst;
  gint64                 burst_last_key_us;
  guint                  burst_flush_id;
  gboolean               paused;

  PdVerifier            *verifier;
  PdAuditLog            *audit_log;
  char                  *operator_name;
  GDateTime             *shift_start;
  guint                  verify_serial;
};

G_DEFINE_FINAL_TYPE (PdVerifyView, pd_verify_view, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_PAUSED,
  PROP_LAST_CODE,
  N_PROPS
};

enum {
  CODE_READ,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
show_message (PdVerifyView *self,
              const char   *message)
{
  gtk_label_set_text (self->message_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), message != NULL);
}

static void
play_sound (PdVerifyView *self)
{
  /* Without a GTK media backend the stream reports an error and stays silent. */
  if (self->sound == NULL)
    self->sound = gtk_media_file_new_for_resource (CODE_FOUND_SOUND);

  gtk_media_stream_seek (self->sound, 0);
  gtk_media_stream_play (self->sound);
}

static void
show_code (PdVerifyView *self,
           PdCode       *code)
{
  g_autofree char *time = g_date_time_format (pd_code_get_time (code), "%X");
  const char *source = pd_code_source_to_label (pd_code_get_source (code));
  g_autofree char *origin = NULL;

  if (pd_code_get_file (code) != NULL)
    {
      g_autofree char *name = g_filename_display_basename (pd_code_get_file (code));

      if (pd_code_get_page (code) > 0)
        /* Translators: where a code was read from: "PDF: notice.pdf, page 2" */
        origin = g_strdup_printf (_("%s: %s, page %d"), source, name, pd_code_get_page (code));
      else
        /* Translators: where a code was read from: "Image: card.png" */
        origin = g_strdup_printf (_("%s: %s"), source, name);
    }

  adw_action_row_set_subtitle (self->text_row, pd_code_get_text (code));
  adw_action_row_set_subtitle (self->format_row,
                               pd_code_format_to_label (pd_code_get_format (code)));
  adw_action_row_set_subtitle (self->source_row, origin ? origin : source);
  adw_action_row_set_subtitle (self->time_row, time);
  gtk_widget_set_visible (GTK_WIDGET (self->result_group), TRUE);
}

static void
update_shift_counter (PdVerifyView *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  gint64 count;

  if (self->audit_log == NULL)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->shift_label), FALSE);
      return;
    }

  count = pd_audit_log_count_since (self->audit_log, self->shift_start, &error);
  if (count < 0)
    {
      show_message (self, error->message);
      return;
    }

  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u code verified this shift",
                                       "%u codes verified this shift", (gulong) count),
                          (guint) count);
  gtk_label_set_text (self->shift_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->shift_label), TRUE);
}

/* What one verification needs to be recorded even if the view goes away meanwhile. */
typedef struct {
  PdVerifyView *self;
  PdAuditLog   *audit_log;
  char         *operator_name;
  guint         serial;
} Verification;

static void
verification_free (Verification *verification)
{
  g_clear_object (&verification->self);
  g_clear_object (&verification->audit_log);
  g_free (verification->operator_name);
  g_free (verification);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Verification, verification_free)

/* Every code read is verified and recorded, even when the next one came before its
 * verdict (two codes in one PDF, a quick second scan): the audit trail has no holes.
 * Only the verdict of the latest code is shown. */
static void
on_verified_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(Verification) verification = user_data;
  PdVerifyView *self = verification->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(PdVerdict) verdict = NULL;
  gboolean gone = self->verdict_view == NULL;
  gboolean latest = !gone && verification->serial == self->verify_serial;

  verdict = pd_verifier_verify_finish (PD_VERIFIER (source), result, &error);
  if (verdict == NULL)
    {
      if (latest)
        show_message (self, error->message);
      return;
    }

  /* Recorded even when the window closed meanwhile: the log has no holes. */
  if (verification->audit_log != NULL &&
      pd_audit_log_append_verdict (verification->audit_log, verification->operator_name,
                                   verdict, &error) < 0 && !gone)
    {
      g_autofree char *message = g_strdup_printf (_("This verification was not recorded in the audit log: %s"),
                                                  error->message);
      show_message (self, message);
    }
  if (gone)
    return;

  if (latest)
    {
      pd_verdict_view_set_verdict (self->verdict_view, verdict);
      gtk_widget_set_visible (GTK_WIDGET (self->verdict_view), TRUE);
    }
  update_shift_counter (self);
}

static void
verify_code (PdVerifyView *self,
             PdCode       *code)
{
  g_autoptr(GDateTime) now = NULL;
  Verification *verification;

  if (self->verifier == NULL)
    return;

  /* Not cancelled when the view goes: every code read gets its verdict recorded; the
   * online check has its own time limit. */
  verification = g_new0 (Verification, 1);
  verification->self = g_object_ref (self);
  verification->audit_log = self->audit_log ? g_object_ref (self->audit_log) : NULL;
  verification->operator_name = g_strdup (self->operator_name ? self->operator_name : "");
  verification->serial = ++self->verify_serial;
  now = g_date_time_new_now_utc ();
  pd_verifier_verify_async (self->verifier, code, now, NULL, on_verified_cb, verification);
}

/* Every input ends here. */
static void
handle_code (PdVerifyView *self,
             PdCode       *code)
{
  g_assert (PD_IS_VERIFY_VIEW (self));
  g_assert (PD_IS_CODE (code));

  g_set_object (&self->last_code, code);
  show_message (self, NULL);
  show_code (self, code);
  pd_camera_preview_flash (self->preview);
  play_sound (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_CODE]);
  g_signal_emit (self, signals[CODE_READ], 0, code);
  verify_code (self, code);
}

static void
handle_codes (PdVerifyView *self,
              GPtrArray    *codes)
{
  for (guint i = 0; i < codes->len; i++)
    handle_code (self, g_ptr_array_index (codes, i));
}

/* Camera */

static void
update_camera_state (PdVerifyView *self)
{
  const char *label = NULL, *icon = "camera-web-symbolic";
  const char *error = pd_camera_get_error_message (self->camera);
  gboolean show_status = FALSE;

  switch (pd_camera_get_state (self->camera))
    {
    case PD_CAMERA_STATE_STOPPED:
      label = self->paused ? _("Camera paused") : _("Camera off");
      icon = "media-playback-pause-symbolic";
      break;
    case PD_CAMERA_STATE_STARTING:
      label = _("Starting the camera…");
      break;
    case PD_CAMERA_STATE_LOOKING:
      label = _("Looking for a code — hold the QR code in front of the camera");
      icon = "find-location-symbolic";
      pd_camera_preview_set_outline (self->preview, NULL, 0);
      break;
    case PD_CAMERA_STATE_FOUND:
      label = _("Code found");
      icon = "emblem-ok-symbolic";
      break;
    case PD_CAMERA_STATE_NO_CAMERA:
      label = _("No camera — you can still open an image or PDF, paste, type or use a USB scanner");
      icon = "camera-disabled-symbolic";
      show_status = TRUE;
      adw_status_page_set_title (self->camera_status, _("No Camera"));
      break;
    case PD_CAMERA_STATE_ERROR:
    default:
      label = _("The camera does not work");
      icon = "dialog-warning-symbolic";
      show_status = TRUE;
      adw_status_page_set_title (self->camera_status, _("Camera Problem"));
      break;
    }

  if (show_status)
    {
      adw_status_page_set_icon_name (self->camera_status, icon);
      adw_status_page_set_description (self->camera_status, error);
    }

  gtk_stack_set_visible_child_name (self->camera_stack, show_status ? "status" : "preview");
  gtk_label_set_text (self->state_label, label);
  gtk_image_set_from_icon_name (self->state_icon, icon);
}

static void
on_camera_state_changed_cb (PdVerifyView *self,
                            PdCamera     *camera)
{
  update_camera_state (self);
}

static void
on_camera_preview_frame_cb (PdVerifyView *self,
                            GBytes       *pixels,
                            int           width,
                            int           height,
                            int           stride,
                            PdCamera     *camera)
{
  g_autoptr(GdkTexture) frame = NULL;

  frame = gdk_memory_texture_new (width, height, GDK_MEMORY_B8G8R8A8, pixels, stride);
  pd_camera_preview_set_frame (self->preview, frame);
}

static void
on_camera_code_seen_cb (PdVerifyView *self,
                        PdCode       *code,
                        PdCamera     *camera)
{
  const PdPoint *corners;
  guint n_corners;

  corners = pd_code_get_corners (code, &n_corners);
  pd_camera_preview_set_outline (self->preview, corners, n_corners);
}

static void
on_camera_code_found_cb (PdVerifyView *self,
                         PdCode       *code,
                         PdCamera     *camera)
{
  handle_code (self, code);
}

/* The cameras there are now; the one in use stays selected (refilling the
 * list does not switch cameras). */
static void
fill_camera_list (PdVerifyView *self)
{
  g_autoptr(GListModel) devices = pd_camera_list_devices ();
  g_autoptr(PdCameraDevice) automatic = NULL;
  guint n_devices = g_list_model_get_n_items (devices);

  self->filling_cameras = TRUE;
  automatic = pd_camera_device_new (_("Automatic"), NULL);
  gtk_drop_down_set_selected (self->camera_dropdown, GTK_INVALID_LIST_POSITION);
  g_list_store_remove_all (self->cameras);
  g_list_store_append (self->cameras, automatic);
  for (guint i = 0; i < n_devices; i++)
    {
      g_autoptr(PdCameraDevice) device = g_list_model_get_item (devices, i);

      g_list_store_append (self->cameras, device);
      if (g_strcmp0 (pd_camera_device_get_path (device), pd_camera_get_device (self->camera)) == 0)
        gtk_drop_down_set_selected (self->camera_dropdown, i + 1);
    }
  if (gtk_drop_down_get_selected (self->camera_dropdown) == GTK_INVALID_LIST_POSITION)
    gtk_drop_down_set_selected (self->camera_dropdown, 0);

  gtk_widget_set_sensitive (GTK_WIDGET (self->camera_dropdown), n_devices > 0);
  self->filling_cameras = FALSE;
}

/* A camera plugged in or out while the view is shown. */
static void
on_cameras_changed_cb (gpointer user_data)
{
  fill_camera_list (user_data);
}

static void
on_camera_selected_cb (PdVerifyView *self,
                       GParamSpec   *pspec,
                       GtkDropDown  *dropdown)
{
  PdCameraDevice *device = gtk_drop_down_get_selected_item (dropdown);
  const char *path = device ? pd_camera_device_get_path (device) : NULL;

  if (self->filling_cameras || g_strcmp0 (path, pd_camera_get_device (self->camera)) == 0)
    return;

  pd_camera_set_device (self->camera, path);
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    pd_camera_start (self->camera);
}

/* Keyboard-wedge scanners */

static void
reset_burst (PdVerifyView *self)
{
  g_string_truncate (self->burst, 0);
  g_clear_handle_id (&self->burst_flush_id, g_source_remove);
}

static GtkEditable *
get_focused_editable (PdVerifyView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;

  return GTK_IS_EDITABLE (focus) ? GTK_EDITABLE (focus) : NULL;
}

/* Keys that went to a focused text field while the burst came in are taken out again. */
static void
remove_burst_from_editable (GtkEditable *editable,
                            const char  *burst)
{
  const char *text = gtk_editable_get_text (editable);

  if (g_str_has_suffix (text, burst))
    gtk_editable_delete_text (editable, g_utf8_strlen (text, -1) - g_utf8_strlen (burst, -1), -1);
}

/* Keys typed slowly outside a text field were a person typing: give them to the entry. */
static gboolean
on_burst_flush_cb (gpointer user_data)
{
  PdVerifyView *self = user_data;
  GtkEditable *editable = GTK_EDITABLE (self->code_entry);
  int position;

  self->burst_flush_id = 0;
  gtk_widget_grab_focus (GTK_WIDGET (self->code_entry));
  position = g_utf8_strlen (gtk_editable_get_text (editable), -1);
  gtk_editable_insert_text (editable, self->burst->str, -1, &position);
  gtk_editable_set_position (editable, position);
  g_string_truncate (self->burst, 0);

  return G_SOURCE_REMOVE;
}

static gboolean
finish_burst (PdVerifyView *self,
              gboolean      fast)
{
  g_autoptr(PdCode) code = NULL;
  GtkEditable *editable;

  if (!fast || g_utf8_strlen (self->burst->str, -1) < WEDGE_MIN_CHARS)
    return FALSE;

  editable = get_focused_editable (self);
  if (editable != NULL)
    remove_burst_from_editable (editable, self->burst->str);

  code = pd_code_new_for_text (self->burst->str, PD_CODE_SOURCE_SCANNER);
  reset_burst (self);
  handle_code (self, code);

  return TRUE;
}

static gboolean
is_modifier_key (guint keyval)
{
  return (keyval >= GDK_KEY_Shift_L && keyval <= GDK_KEY_Hyper_R) ||
         keyval == GDK_KEY_ISO_Level3_Shift || keyval == GDK_KEY_Mode_switch;
}

static gboolean
on_wedge_key_pressed_cb (GtkEventControllerKey *controller,
                         guint                  keyval,
                         guint                  keycode,
                         GdkModifierType        state,
                         PdVerifyView          *self)
{
  guint32 event_ms = gtk_event_controller_get_current_event_time (GTK_EVENT_CONTROLLER (controller));
  /* Keys can also arrive without an event (accessibility tools): use the clock then. */
  gint64 now = event_ms ? (gint64)event_ms * 1000 : g_get_monotonic_time ();
  gboolean fast = self->burst->len > 0 && now - self->burst_last_key_us < WEDGE_MAX_GAP_US;
  gunichar ch;

  /* The controller sits on the window; other pages keep their keys. */
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)) ||
      (state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SUPER_MASK)))
    {
      reset_burst (self);
      return FALSE;
    }

  if (keyval == GDK_KEY_Return || keyval == GDK_KEY_KP_Enter || keyval == GDK_KEY_ISO_Enter)
    {
      gboolean handled = finish_burst (self, fast);

      if (!handled && self->burst_flush_id != 0)
        {
          /* Enter right after keys typed outside the entry: read what the person typed. */
          g_source_remove (self->burst_flush_id);
          on_burst_flush_cb (self);
        }
      else
        reset_burst (self);
      return handled;
    }

  ch = gdk_keyval_to_unicode (keyval);
  /* No code starts with a space, and Space must keep activating buttons. */
  if (ch == ' ' && self->burst->len == 0)
    return FALSE;
  if (ch == 0 || !g_unichar_isprint (ch))
    {
      /* Scanners press Shift for capitals; any other key ends the burst. */
      if (!is_modifier_key (keyval))
        reset_burst (self);
      return FALSE;
    }

  if (!fast && self->burst_flush_id == 0)
    g_string_truncate (self->burst, 0);
  if (self->burst->len < WEDGE_MAX_BYTES)
    g_string_append_unichar (self->burst, ch);
  self->burst_last_key_us = now;

  if (get_focused_editable (self) != NULL)
    return FALSE;

  g_clear_handle_id (&self->burst_flush_id, g_source_remove);
  self->burst_flush_id = g_timeout_add (WEDGE_FLUSH_MS, on_burst_flush_cb, self);
  return TRUE;
}

static void
on_root_changed_cb (PdVerifyView *self,
                    GParamSpec   *pspec,
                    gpointer      user_data)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *owner = gtk_event_controller_get_widget (self->wedge);

  if (owner == GTK_WIDGET (root))
    return;
  if (owner != NULL)
    gtk_widget_remove_controller (owner, self->wedge);
  if (root != NULL)
    gtk_widget_add_controller (GTK_WIDGET (root), g_object_ref (self->wedge));
}

/* Entry */

static void
on_code_entry_activated_cb (PdVerifyView *self)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->code_entry))));
  g_autoptr(PdCode) code = NULL;

  if (text[0] == '\0')
    return;

  code = pd_code_new_for_text (text, PD_CODE_SOURCE_TYPED);
  gtk_editable_set_text (GTK_EDITABLE (self->code_entry), "");
  handle_code (self, code);
}

/* Files and drops */

static void
on_scan_file_done_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(PdVerifyView) self = user_data;
  g_autoptr(GPtrArray) codes = NULL;
  g_autoptr(GError) error = NULL;

  codes = pd_scan_file_finish (result, &error);
  if (g_cancellable_is_cancelled (self->cancellable))
    return;

  if (codes == NULL)
    show_message (self, error->message);
  else
    handle_codes (self, codes);
}

static gboolean
on_drop_cb (GtkDropTarget *target,
            const GValue  *value,
            double         x,
            double         y,
            PdVerifyView  *self)
{
  GSList *files = g_value_get_boxed (value);

  if (files == NULL)
    return FALSE;

  pd_verify_view_open_file (self, files->data);
  return TRUE;
}

static void
on_file_chosen_cb (GtkNativeDialog *dialog,
                   int              response,
                   PdVerifyView    *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      pd_verify_view_open_file (self, file);
    }

  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

static void
add_filter (GtkFileChooser     *chooser,
            const char         *name,
            const char * const *mime_types)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, name);
  for (guint i = 0; mime_types[i] != NULL; i++)
    gtk_file_filter_add_mime_type (filter, mime_types[i]);
  gtk_file_chooser_add_filter (chooser, filter);
}

static void
open_file_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  PdVerifyView *self = PD_VERIFY_VIEW (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkFileChooserNative *native;

  native = gtk_file_chooser_native_new (_("Open Image or PDF"),
                                        GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                        GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  add_filter (GTK_FILE_CHOOSER (native), _("Images and PDF documents"),
              (const char * const[]) { "image/*", "application/pdf", NULL });
  add_filter (GTK_FILE_CHOOSER (native), _("Images"), (const char * const[]) { "image/*", NULL });
  add_filter (GTK_FILE_CHOOSER (native), _("PDF documents"),
              (const char * const[]) { "application/pdf", NULL });

  g_signal_connect_object (native, "response", G_CALLBACK (on_file_chosen_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

/* Clipboard */

typedef struct
{
  GBytes *pixels;
  int     width;
  int     height;
  gsize   stride;
} Pixels;

static void
pixels_free (Pixels *pixels)
{
  g_bytes_unref (pixels->pixels);
  g_free (pixels);
}

static void
scan_pixels_thread (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  g_autoptr(PdScanner) scanner = pd_scanner_new ();
  Pixels *pixels = task_data;
  GError *error = NULL;
  GPtrArray *codes;

  codes = pd_scanner_scan_frame (scanner, g_bytes_get_data (pixels->pixels, NULL),
                                 pixels->width, pixels->height, pixels->stride,
                                 PD_PIXEL_FORMAT_BGRA32, PD_CODE_SOURCE_CLIPBOARD, &error);
  if (codes == NULL)
    g_task_return_error (task, error);
  else if (codes->len == 0)
    {
      g_ptr_array_unref (codes);
      g_task_return_new_error (task, PD_SCAN_ERROR, PD_SCAN_ERROR_NO_CODE,
                               _("No QR code was found in the pasted image. Copy a sharper "
                                 "picture of the code, or open the file instead."));
    }
  else
    g_task_return_pointer (task, codes, (GDestroyNotify)g_ptr_array_unref);
}

static void
on_pasted_image_scanned_cb (GObject      *object,
                            GAsyncResult *result,
                            gpointer      user_data)
{
  PdVerifyView *self = PD_VERIFY_VIEW (object);
  g_autoptr(GPtrArray) codes = NULL;
  g_autoptr(GError) error = NULL;

  codes = g_task_propagate_pointer (G_TASK (result), &error);
  if (g_cancellable_is_cancelled (self->cancellable))
    return;
  if (codes == NULL)
    show_message (self, error->message);
  else
    handle_codes (self, codes);
}

static void
scan_texture (PdVerifyView *self,
              GdkTexture   *texture)
{
  g_autoptr(GTask) task = NULL;
  int width = gdk_texture_get_width (texture);
  int height = gdk_texture_get_height (texture);
  Pixels *pixels;
  guint8 *data;

  /* Checked before the download allocates 4 bytes a pixel: the scanner would refuse
   * such an image anyway, after the memory was spent. */
  if (width > PD_SCANNER_MAX_SIZE || height > PD_SCANNER_MAX_SIZE)
    {
      g_autofree char *message = NULL;

      message = g_strdup_printf (_("The pasted image is %d × %d pixels, too large to scan. Copy "
                                   "a smaller picture of the code, or crop it first."),
                                 width, height);
      show_message (self, message);
      return;
    }

  /* gdk_texture_download() gives cairo's ARGB32, which is BGRA in memory on little-endian. */
  pixels = g_new0 (Pixels, 1);
  pixels->width = gdk_texture_get_width (texture);
  pixels->height = gdk_texture_get_height (texture);
  pixels->stride = (gsize)pixels->width * 4;
  data = g_malloc (pixels->stride * pixels->height);
  gdk_texture_download (texture, data, pixels->stride);
  pixels->pixels = g_bytes_new_take (data, pixels->stride * pixels->height);

  task = g_task_new (self, self->cancellable, on_pasted_image_scanned_cb, NULL);
  g_task_set_source_tag (task, scan_texture);
  g_task_set_task_data (task, pixels, (GDestroyNotify)pixels_free);
  g_task_run_in_thread (task, scan_pixels_thread);
}

static void
on_clipboard_texture_cb (GObject      *object,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr(PdVerifyView) self = user_data;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;

  texture = gdk_clipboard_read_texture_finish (GDK_CLIPBOARD (object), result, &error);
  if (g_cancellable_is_cancelled (self->cancellable))
    return;
  if (texture == NULL)
    show_message (self, _("The image on the clipboard cannot be read. Copy it again."));
  else
    scan_texture (self, texture);
}

static void
on_clipboard_text_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(PdVerifyView) self = user_data;
  g_autoptr(PdCode) code = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (object), result, &error);
  if (g_cancellable_is_cancelled (self->cancellable))
    return;

  if (text != NULL)
    g_strstrip (text);
  if (text == NULL || text[0] == '\0')
    {
      show_message (self, _("The clipboard holds no code. Copy a code, a permit number or an "
                            "image of a QR code first."));
      return;
    }

  code = pd_code_new_for_text (text, PD_CODE_SOURCE_CLIPBOARD);
  handle_code (self, code);
}

static void
paste_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  PdVerifyView *self = PD_VERIFY_VIEW (widget);
  GdkClipboard *clipboard = gtk_widget_get_clipboard (widget);
  GdkContentFormats *formats = gdk_clipboard_get_formats (clipboard);

  if (gdk_content_formats_contain_gtype (formats, GDK_TYPE_TEXTURE))
    gdk_clipboard_read_texture_async (clipboard, self->cancellable,
                                      on_clipboard_texture_cb, g_object_ref (self));
  else
    gdk_clipboard_read_text_async (clipboard, self->cancellable,
                                   on_clipboard_text_cb, g_object_ref (self));
}

/* Other actions */

static void
scan_next_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  PdVerifyView *self = PD_VERIFY_VIEW (widget);

  /* The officer asked for the next code: the same card may be shown again at once. */
  pd_camera_forget_codes (self->camera);
  pd_camera_preview_set_outline (self->preview, NULL, 0);
  gtk_widget_set_visible (GTK_WIDGET (self->result_group), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->verdict_view), FALSE);
  pd_verdict_view_set_verdict (self->verdict_view, NULL);
  show_message (self, NULL);
  pd_verify_view_set_paused (self, FALSE);
}

static void
pd_verify_view_map (GtkWidget *widget)
{
  PdVerifyView *self = PD_VERIFY_VIEW (widget);

  GTK_WIDGET_CLASS (pd_verify_view_parent_class)->map (widget);

  if (self->device_watch == NULL)
    self->device_watch = pd_camera_device_watch_new (G_CALLBACK (on_cameras_changed_cb), self);
  fill_camera_list (self);
  pd_camera_start (self->camera);
}

static void
pd_verify_view_unmap (GtkWidget *widget)
{
  PdVerifyView *self = PD_VERIFY_VIEW (widget);

  /* Release the camera (and its light) when the view is not shown. */
  pd_camera_stop (self->camera);
  g_clear_pointer (&self->device_watch, pd_camera_device_watch_free);
  reset_burst (self);

  GTK_WIDGET_CLASS (pd_verify_view_parent_class)->unmap (widget);
}

static void
pd_verify_view_dispose (GObject *object)
{
  PdVerifyView *self = (PdVerifyView *)object;
  GtkWidget *owner = gtk_event_controller_get_widget (self->wedge);

  g_cancellable_cancel (self->cancellable);
  g_clear_pointer (&self->device_watch, pd_camera_device_watch_free);
  g_clear_object (&self->verifier);
  g_clear_object (&self->audit_log);
  g_clear_pointer (&self->operator_name, g_free);
  g_clear_pointer (&self->shift_start, g_date_time_unref);
  reset_burst (self);
  if (owner != NULL)
    gtk_widget_remove_controller (owner, self->wedge);
  g_clear_object (&self->wedge);
  g_clear_object (&self->camera);
  g_clear_object (&self->sound);
  g_clear_object (&self->last_code);

  gtk_widget_dispose_template (GTK_WIDGET (self), PD_TYPE_VERIFY_VIEW);

  G_OBJECT_CLASS (pd_verify_view_parent_class)->dispose (object);
}

static void
pd_verify_view_finalize (GObject *object)
{
  PdVerifyView *self = (PdVerifyView *)object;

  g_clear_object (&self->cancellable);
  g_clear_object (&self->cameras);
  g_string_free (self->burst, TRUE);

  G_OBJECT_CLASS (pd_verify_view_parent_class)->finalize (object);
}

static void
pd_verify_view_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  PdVerifyView *self = PD_VERIFY_VIEW (object);

  switch (prop_id)
    {
    case PROP_PAUSED:
      g_value_set_boolean (value, self->paused);
      break;

    case PROP_LAST_CODE:
      g_value_set_object (value, self->last_code);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pd_verify_view_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  PdVerifyView *self = PD_VERIFY_VIEW (object);

  switch (prop_id)
    {
    case PROP_PAUSED:
      pd_verify_view_set_paused (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pd_verify_view_class_init (PdVerifyViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pd_verify_view_dispose;
  object_class->finalize = pd_verify_view_finalize;
  object_class->get_property = pd_verify_view_get_property;
  object_class->set_property = pd_verify_view_set_property;

  widget_class->map = pd_verify_view_map;
  widget_class->unmap = pd_verify_view_unmap;

  properties[PROP_PAUSED] =
    g_param_spec_boolean ("paused", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_LAST_CODE] =
    g_param_spec_object ("last-code", NULL, NULL, PD_TYPE_CODE,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[CODE_READ] =
    g_signal_new ("code-read", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, PD_TYPE_CODE);

  g_type_ensure (PD_TYPE_CAMERA_PREVIEW);
  g_type_ensure (PD_TYPE_VERDICT_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/example/PermitDesk/pd-verify-view.ui");
  gtk_widget_class_bind_template_child (widget_class, PdVerifyView, camera_stack);
  gtk_widget_class_bind_template_child (widget_class, PdVerifyView, verdict_view);
  gtk_widget_class_bind_template_child (widget_class, PdVerifyView, shift_label);
  gtk_widget_class_bind_template_child (widget_class, PdVerifyView, preview);
  gtk_widget_class_bind_template_child (widget_class, PdVerifyView, camera_status);
  gtk_widget_class_bind_template_child (widget_class, PdVerifyView, state_icon);
  gtk_widget_class_bind_template_child (widget_class, PdVerifyView, state_label);
  gtk_widget_class_bind_template_child (widget_class, PdVerifyView, camera_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PdVerifyView, code_entry);
  gtk_widget_class_bind_template_child (widget_class, PdVerifyView, message_label);
  gtk_widget_class_bind_template_child (widget_class, PdVerifyView, result_group);
  gtk_widget_class_bind_template_child (widget_class, PdVerifyView, text_row);
  gtk_widget_class_bind_template_child (widget_class, PdVerifyView, format_row);
  gtk_widget_class_bind_template_child (widget_class, PdVerifyView, source_row);
  gtk_widget_class_bind_template_child (widget_class, PdVerifyView, time_row);
  gtk_widget_class_bind_template_callback (widget_class, on_code_entry_activated_cb);

  gtk_widget_class_install_action (widget_class, "verify.open-file", NULL, open_file_action);
  gtk_widget_class_install_action (widget_class, "verify.paste", NULL, paste_action);
  gtk_widget_class_install_action (widget_class, "verify.scan-next", NULL, scan_next_action);
  gtk_widget_class_install_property_action (widget_class, "verify.pause", "paused");

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK,
                                       "verify.open-file", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_v, GDK_CONTROL_MASK,
                                       "verify.paste", NULL);
}

static void
load_style (void)
{
  static GtkCssProvider *provider;

  if (provider != NULL)
    return;

  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (provider, "/org/example/PermitDesk/pd-verify-view.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                              GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}

static void
setup_drop_target (PdVerifyView *self)
{
  GtkDropTarget *target = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);

  g_signal_connect_object (target, "drop", G_CALLBACK (on_drop_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (target));
}

static void
setup_wedge (PdVerifyView *self)
{
  /* Capture phase on the window, so a scan is read wherever the focus is while the view is
   * shown, before a focused button can take a space or a letter as a shortcut. */
  self->wedge = gtk_event_controller_key_new ();
  gtk_event_controller_set_name (self->wedge, "pd-verify-keyboard-wedge");
  gtk_event_controller_set_propagation_phase (self->wedge, GTK_PHASE_CAPTURE);
  g_signal_connect_object (self->wedge, "key-pressed", G_CALLBACK (on_wedge_key_pressed_cb),
                           self, 0);
  g_signal_connect (self, "notify::root", G_CALLBACK (on_root_changed_cb), NULL);
}

static void
setup_camera (PdVerifyView *self)
{
  g_autoptr(GtkExpression) name = NULL;

  self->camera = pd_camera_new ();
  g_signal_connect_object (self->camera, "state-changed",
                           G_CALLBACK (on_camera_state_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->camera, "preview-frame",
                           G_CALLBACK (on_camera_preview_frame_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->camera, "code-seen",
                           G_CALLBACK (on_camera_code_seen_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->camera, "code-found",
                           G_CALLBACK (on_camera_code_found_cb), self, G_CONNECT_SWAPPED);

  self->cameras = g_list_store_new (PD_TYPE_CAMERA_DEVICE);
  /* The drop-down takes a reference of its own. */
  name = gtk_property_expression_new (PD_TYPE_CAMERA_DEVICE, NULL, "display-name");
  gtk_drop_down_set_expression (self->camera_dropdown, name);
  gtk_drop_down_set_model (self->camera_dropdown, G_LIST_MODEL (self->cameras));
  g_signal_connect_object (self->camera_dropdown, "notify::selected-item",
                           G_CALLBACK (on_camera_selected_cb), self, G_CONNECT_SWAPPED);
}

static void
pd_verify_view_init (PdVerifyView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  load_style ();

  self->cancellable = g_cancellable_new ();
  self->burst = g_string_new (NULL);

  setup_camera (self);
  setup_wedge (self);
  setup_drop_target (self);
  update_camera_state (self);
}

GtkWidget *
pd_verify_view_new (void)
{
  return g_object_new (PD_TYPE_VERIFY_VIEW, NULL);
}

PdCamera *
pd_verify_view_get_camera (PdVerifyView *self)
{
  g_return_val_if_fail (PD_IS_VERIFY_VIEW (self), NULL);

  return self->camera;
}

PdCode *
pd_verify_view_get_last_code (PdVerifyView *self)
{
  g_return_val_if_fail (PD_IS_VERIFY_VIEW (self), NULL);

  return self->last_code;
}

gboolean
pd_verify_view_get_paused (PdVerifyView *self)
{
  g_return_val_if_fail (PD_IS_VERIFY_VIEW (self), FALSE);

  return self->paused;
}

void
pd_verify_view_set_paused (PdVerifyView *self,
                           gboolean      paused)
{
  g_return_if_fail (PD_IS_VERIFY_VIEW (self));

  paused = !!paused;
  if (self->paused == paused)
    return;

  self->paused = paused;
  pd_camera_set_paused (self->camera, paused);
  update_camera_state (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAUSED]);
}

/* Scans an image or PDF the same way for the file chooser, a drop and callers. */
void
pd_verify_view_open_file (PdVerifyView *self,
                          GFile        *file)
{
  g_autofree char *path = NULL;

  g_return_if_fail (PD_IS_VERIFY_VIEW (self));
  g_return_if_fail (G_IS_FILE (file));

  path = g_file_get_path (file);
  if (path == NULL)
    {
      show_message (self, _("Only files on this computer can be scanned. Save the file to a "
                            "folder first."));
      return;
    }

  show_message (self, NULL);
  pd_scan_file_async (path, self->cancellable, on_scan_file_done_cb, g_object_ref (self));
}

/**
 * pd_verify_view_set_verification:
 * @verifier: (nullable): verifies each code read
 * @audit_log: (nullable): where each verdict is recorded
 *
 * The shift counter counts the verdicts recorded since this call.
 */
void
pd_verify_view_set_verification (PdVerifyView *self,
                                 PdVerifier   *verifier,
                                 PdAuditLog   *audit_log)
{
  g_return_if_fail (PD_IS_VERIFY_VIEW (self));
  g_return_if_fail (!verifier || PD_IS_VERIFIER (verifier));
  g_return_if_fail (!audit_log || PD_IS_AUDIT_LOG (audit_log));

  g_set_object (&self->verifier, verifier);
  g_set_object (&self->audit_log, audit_log);
  g_clear_pointer (&self->shift_start, g_date_time_unref);
  self->shift_start = g_date_time_new_now_utc ();
  update_shift_counter (self);
}

void
pd_verify_view_set_operator (PdVerifyView *self,
                             const char   *operator_name)
{
  g_return_if_fail (PD_IS_VERIFY_VIEW (self));

  g_free (self->operator_name);
  self->operator_name = g_strdup (operator_name);
  pd_verdict_view_set_operator (self->verdict_view, operator_name);
}

void
pd_verify_view_set_role (PdVerifyView      *self,
                         PdVerdictViewRole  role)
{
  g_return_if_fail (PD_IS_VERIFY_VIEW (self));

  pd_verdict_view_set_role (self->verdict_view, role);
}

PdVerdict *
pd_verify_view_get_verdict (PdVerifyView *self)
{
  g_return_val_if_fail (PD_IS_VERIFY_VIEW (self), NULL);

  return pd_verdict_view_get_verdict (self->verdict_view);
}
