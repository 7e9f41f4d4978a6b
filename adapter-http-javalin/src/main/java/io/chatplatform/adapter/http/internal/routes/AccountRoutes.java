package io.chatplatform.adapter.http.internal.routes;

import static io.chatplatform.adapter.http.internal.request.Input.Source.FORM_BODY;
import static io.chatplatform.adapter.http.internal.request.Input.Source.JSON_BODY;

import io.chatplatform.adapter.http.internal.auth.RefreshCookie;
import io.chatplatform.adapter.http.internal.pipeline.ErrorMapper;
import io.chatplatform.adapter.http.internal.request.Constraints;
import io.chatplatform.adapter.http.internal.request.FieldError;
import io.chatplatform.adapter.http.internal.request.Input;
import io.chatplatform.adapter.http.internal.request.RequestReader;
import io.chatplatform.adapter.http.internal.route.Call;
import io.chatplatform.adapter.http.internal.route.Outcomes;
import io.chatplatform.adapter.http.internal.route.Refusal;
import io.chatplatform.adapter.http.internal.route.Response;
import io.chatplatform.adapter.http.internal.route.Route;
import io.chatplatform.adapter.http.internal.route.RouteTable;
import io.chatplatform.adapter.http.internal.route.Tag;
import io.chatplatform.adapter.http.internal.view.AccessTokenView;
import io.chatplatform.adapter.http.internal.view.OwnProfileView;
import io.chatplatform.adapter.http.internal.view.RegisteredUserView;
import io.chatplatform.adapter.http.internal.view.ServerErrorView;
import io.chatplatform.application.port.in.LogIn;
import io.chatplatform.application.port.in.RegisterUser;
import io.chatplatform.application.port.in.Throttled;
import io.chatplatform.application.port.in.UpdateProfile;
import io.chatplatform.application.port.in.ViewOwnProfile;
import io.chatplatform.domain.user.Account;
import io.chatplatform.domain.user.AvatarUrl;
import io.chatplatform.domain.user.DisplayName;
import io.chatplatform.domain.user.Email;
import io.chatplatform.domain.user.Password;
import io.chatplatform.domain.user.PasswordAttempt;
import io.chatplatform.domain.user.ProfileUpdate;
import io.chatplatform.domain.user.TimeZoneName;
import io.chatplatform.domain.user.Username;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/** Accounts: register, log in, and the caller's own profile. */
public final class AccountRoutes {

    static final Tag TAG = new Tag("accounts",
            "Registration, login (OAuth2 password flow) and the caller's own account");

    // the constraints come from the domain types that enforce them, so the document cannot drift from them
    private static final Constraints NEW_PASSWORD_RULES = Constraints.length(Password.MIN_LENGTH, Password.MAX_LENGTH);
    static final Constraints PASSWORD_ATTEMPT_RULES =
            Constraints.length(PasswordAttempt.MIN_LENGTH, PasswordAttempt.MAX_LENGTH);
    private static final String NEW_PASSWORD_RULE = "at least " + Password.MIN_LENGTH + " characters and at most "
            + Password.MAX_BYTES + " bytes of UTF-8 (bcrypt reads no further): " + Password.MAX_LENGTH
            + " characters when all are ASCII, fewer with others (an accented letter takes two bytes, an emoji four)";

    static final Input<Username> USERNAME = Input.text(JSON_BODY, "username", Username::of,
            Username.MIN_LENGTH + " to " + Username.MAX_LENGTH + " characters: letters, digits or underscore")
            .constrained(Constraints.length(Username.MIN_LENGTH, Username.MAX_LENGTH).matching(Username.PATTERN));
    static final Input<Email> EMAIL = Input.text(JSON_BODY, "email", Email::of,
            "A valid email address of at most " + Email.MAX_LENGTH + " characters; unique regardless of case")
            .constrained(Constraints.atMost(Email.MAX_LENGTH).format("email"));
    static final Input<Password> PASSWORD = Input.text(JSON_BODY, "password", Password::of,
            "The password: " + NEW_PASSWORD_RULE)
            .constrained(NEW_PASSWORD_RULES);

    static final Input<String> LOGIN_USERNAME = Input.text(FORM_BODY, "username", Function.identity(),
            "The username, case-sensitive");
    static final Input<PasswordAttempt> LOGIN_PASSWORD = Input.text(FORM_BODY, "password", PasswordAttempt::of,
            "The password").constrained(PASSWORD_ATTEMPT_RULES);

    static final Input<DisplayName> DISPLAY_NAME = Input.text(JSON_BODY, "display_name", DisplayName::of,
            DisplayName.MIN_LENGTH + " to " + DisplayName.MAX_LENGTH + " characters on one line, without surrounding"
                    + " spaces; null clears it, absent keeps it")
            .constrained(Constraints.length(DisplayName.MIN_LENGTH, DisplayName.MAX_LENGTH)).clearable();
    static final Input<AvatarUrl> AVATAR_URL = Input.text(JSON_BODY, "avatar_url", AvatarUrl::of,
            "An absolute http(s) URL of at most " + AvatarUrl.MAX_LENGTH + " characters; null clears it, absent keeps it")
            .constrained(Constraints.atMost(AvatarUrl.MAX_LENGTH).format("uri")).clearable();
    // a pattern, not the list of names: openapi-generator's Java client cannot compile an enum of
    // them (Etc/GMT+12 and Etc/GMT-12 become the same constant), and the list follows the JVM's tzdata
    static final Input<TimeZoneName> TIMEZONE = Input.text(JSON_BODY, "timezone", TimeZoneName::of,
            "A time-zone name of the IANA database such as Europe/Berlin, or UTC; null clears it, absent keeps it."
                    + " Fixed offsets such as +05:00 are refused")
            .constrained(Constraints.atMost(TimeZoneName.MAX_LENGTH).matching(TimeZoneName.PATTERN)).clearable();
    static final Input<PasswordAttempt> CURRENT_PASSWORD = Input.text(JSON_BODY, "current_password",
            PasswordAttempt::of, "The current password; required with new_password")
            .constrained(PASSWORD_ATTEMPT_RULES).optional();
    static final Input<Password> NEW_PASSWORD = Input.text(JSON_BODY, "new_password", Password::of,
            "A new password: " + NEW_PASSWORD_RULE)
            .constrained(NEW_PASSWORD_RULES).optional();

    /** Routes that hash a password may find the hashing pool full. */
    static final Response<ServerErrorView> BUSY = Response.json(503, ErrorMapper.BUSY + " (the password hashing"
            + " pool is full; with Retry-After), or " + "a store does not answer", ServerErrorView.class);

    private static final Outcomes<RegisterUser.Result> REGISTERED = Outcomes.of(RegisterUser.Result.class)
            .answer(RegisterUser.Registered.class, Response.json(200, "The account was created", RegisteredUserView.class),
                    registered -> RegisteredUserView.of(registered.account()))
            .refuse(RegisterUser.AlreadyRegistered.class, Refusal.of(400, "Username or email already registered"))
            .refuse(Throttled.class, Refusal.throttled("too many registrations from this address lately"))
            .exhaustively();
    private static final Outcomes<LogIn.Result> LOGGED_IN = Outcomes.of(LogIn.Result.class)
            .answer(LogIn.LoggedIn.class, Response.tokens(200, "The credentials are right: a new session and its first"
                    + " tokens"), loggedIn -> AccessTokenView.of(loggedIn.tokens()))
            .refuse(LogIn.InvalidCredentials.class, Refusal.of(400, "Incorrect username or password"))
            .refuse(Throttled.class,
                    Refusal.throttled("too many failed logins for this username or from this address lately"))
            .exhaustively();
    private static final Outcomes<Optional<Account>> OWN_PROFILE = Outcomes.present(
            Response.json(200, "The caller's account", OwnProfileView.class), OwnProfileView::of,
            // the token outlived its account
            Refusal.invalidCredentials());
    private static final Outcomes<UpdateProfile.Result> PROFILE_UPDATED = Outcomes.of(UpdateProfile.Result.class)
            .answer(UpdateProfile.Updated.class, Response.json(200, "The account after the change", OwnProfileView.class),
                    updated -> OwnProfileView.of(updated.account()))
            .refuse(UpdateProfile.WrongCurrentPassword.class, Refusal.of(400, "Current password is incorrect"))
            .refuse(UpdateProfile.UnknownUser.class, Refusal.invalidCredentials())
            .exhaustively();

    private final RegisterUser registerUser;
    private final LogIn logIn;
    private final ViewOwnProfile viewOwnProfile;
    private final UpdateProfile updateProfile;

    public AccountRoutes(RegisterUser registerUser, LogIn logIn, ViewOwnProfile viewOwnProfile,
                         UpdateProfile updateProfile) {
        this.registerUser = Objects.requireNonNull(registerUser, "registerUser");
        this.logIn = Objects.requireNonNull(logIn, "logIn");
        this.viewOwnProfile = Objects.requireNonNull(viewOwnProfile, "viewOwnProfile");
        this.updateProfile = Objects.requireNonNull(updateProfile, "updateProfile");
    }

    public void register(RouteTable routes) {
        routes.add(Route.post("/register").tag(TAG).summary("Create an account")
                .description("Creates an account; log in with POST /login afterwards. The username is unique"
                        + " regardless of case (Alice and alice cannot both exist) but is matched exactly at login;"
                        + " the email is unique regardless of case. The password is stored as a bcrypt hash.")
                .inputs(USERNAME, EMAIL, PASSWORD)
                .respond(BUSY)
                .answers(REGISTERED)
                .handle(this::registerUser));
        routes.add(Route.post("/login").tag(TAG).summary("Exchange username and password for a bearer token (OAuth2 password flow)")
                .description("The OAuth2 password flow: a form-encoded username and password open a new session"
                        + " (session_id; its User-Agent labels it in GET /sessions) and give an access token to send as"
                        + " 'Authorization: Bearer <token>' until it expires (expires_in seconds), and a refresh token"
                        + " that POST /token/refresh exchanges for the next pair, once. With cookie=true (browsers) the"
                        + " refresh token comes as an HttpOnly cookie instead of in the JSON. A wrong username and a"
                        + " wrong password get the same answer, so that names cannot be probed.")
                .inputs(LOGIN_USERNAME, LOGIN_PASSWORD, RefreshCookie.FORM_FLAG)
                .respond(BUSY)
                .answers(LOGGED_IN)
                .handle(this::logIn));
        routes.add(Route.get("/users/me").tag(TAG).summary("The caller's own account")
                .description("The caller's account with its email and profile; never the password hash.")
                .authenticated()
                .answers(OWN_PROFILE)
                .handle(call -> viewOwnProfile.ownProfile(call.caller())));
        routes.add(Route.patch("/users/me").tag(TAG)
                .summary("Change the caller's profile (merge-patch: absent keeps, null clears) or password")
                .description("A merge patch of the profile: a field that is absent keeps its value, null clears it,"
                        + " a value sets it. The password changes when new_password comes with the right"
                        + " current_password; every other session of the caller then ends (their tokens are refused"
                        + " and their WebSockets closed), the one of this request stands.")
                .authenticated()
                .inputs(DISPLAY_NAME, AVATAR_URL, TIMEZONE, CURRENT_PASSWORD, NEW_PASSWORD)
                .answers(PROFILE_UPDATED)
                .handle(this::updateProfile));
    }

    private RegisterUser.Result registerUser(Call call) {
        RequestReader in = call.in();
        Username username = in.get(USERNAME);
        Email email = in.get(EMAIL);
        Password password = in.get(PASSWORD);
        in.check();
        return registerUser.register(new RegisterUser.Command(username, email, password, call.from()));
    }

    private LogIn.Result logIn(Call call) {
        RequestReader in = call.in();
        String username = in.get(LOGIN_USERNAME);
        PasswordAttempt password = in.get(LOGIN_PASSWORD);
        // checked here, used when the answer is written (Response.tokens)
        in.get(RefreshCookie.FORM_FLAG);
        in.check();
        return logIn.logIn(new LogIn.Command(username, password, call.from(), call.userAgent()));
    }

    private UpdateProfile.Result updateProfile(Call call) {
        RequestReader in = call.in();
        var profile = new ProfileUpdate(in.update(DISPLAY_NAME), in.update(AVATAR_URL), in.update(TIMEZONE));
        PasswordAttempt current = in.get(CURRENT_PASSWORD);
        Password replacement = in.get(NEW_PASSWORD);
        requireTogether(in, NEW_PASSWORD, CURRENT_PASSWORD);
        requireTogether(in, CURRENT_PASSWORD, NEW_PASSWORD);
        in.check();
        Optional<UpdateProfile.PasswordChange> change = current != null && replacement != null
                ? Optional.of(new UpdateProfile.PasswordChange(current, replacement))
                : Optional.empty();
        return updateProfile.update(new UpdateProfile.Command(call.caller(), Optional.of(call.session()), profile, change));
    }

    /** A password change needs both passwords; naming the missing one tells the client what to add. */
    private static void requireTogether(RequestReader in, Input<?> given, Input<?> needed) {
        if (in.isGiven(given) && !in.isGiven(needed)) {
            in.reject(new FieldError(RequestReader.loc(needed), "Field required when " + given.name() + " is given",
                    "missing"));
        }
    }
}
