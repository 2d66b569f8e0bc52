/**
 * Indonesian personal names for the demo population, grouped by naming tradition, and which traditions
 * live in which province. Demo data only: common names as they appear in public life, assembled by hand,
 * not drawn from any register. ASCII only, so SQL can fold them to search names without unaccenting.
 *
 * A name is built as [prefix] given [second given] [family], each part present with the pool's share:
 * a family name is a marga or fam where the tradition has one (Batak, Minahasa, Maluku, Papua, NTT,
 * Chinese-Indonesian), otherwise the usual second name (Javanese "Santoso", Sundanese "Supriatna").
 */

export interface NamePool {
  male: string[];
  female: string[];
  /** Family or second names; `{ male, female }` where they differ by sex (Sundanese -ah/-ih endings …). */
  family: string[] | { male: string[]; female: string[] };
  /** Share of people with a family or second name. */
  familyShare: number;
  /** Share with a second given name ("Muhammad Rizki"). */
  secondGivenShare?: number;
  /** Birth-order names, titles (I Wayan, La Ode, Teuku, Lalu …) and the share of people who carry one. */
  prefix?: { male: string[]; female: string[]; share: number };
}

export type PoolCode =
  | 'javanese' | 'sundanese' | 'madurese' | 'betawi_general' | 'batak' | 'minang' | 'acehnese' | 'malay'
  | 'banjar_dayak' | 'bugis_makassar' | 'buton' | 'gorontalo_kaili' | 'minahasa' | 'maluku' | 'maluku_utara'
  | 'balinese' | 'sasak' | 'nusa_tenggara' | 'papuan' | 'papuan_highland' | 'papuan_south' | 'chinese';

const papuanMale = ['Yohanes', 'Markus', 'Yakob', 'Petrus', 'Paulus', 'Matius', 'Yulius', 'Otto', 'Benny', 'Lukas', 'Yosias', 'Natalis',
  'Kornelius', 'Eliezer', 'Yance', 'Frans', 'Demianus', 'Hendrik', 'Daud', 'Musa', 'Elias', 'Simon', 'Silas', 'Yonas', 'Obed', 'Septinus', 'Marthinus'];
const papuanFemale = ['Yosina', 'Martha', 'Maria', 'Fransina', 'Yuliana', 'Agustina', 'Ruth', 'Naomi', 'Ester', 'Debora', 'Salomina', 'Dorkas',
  'Mince', 'Yohana', 'Elsina', 'Margaretha', 'Paulina', 'Lea', 'Rahel', 'Ance', 'Sarlota', 'Orpa', 'Novita'];

export const NAME_POOLS: Record<PoolCode, NamePool> = {
  javanese: {
    male: ['Agus', 'Budi', 'Bambang', 'Joko', 'Eko', 'Dwi', 'Tri', 'Slamet', 'Sugeng', 'Wahyu', 'Hadi', 'Teguh', 'Heru', 'Yudi', 'Bayu', 'Aris',
      'Sutrisno', 'Suparman', 'Sukirno', 'Suyanto', 'Rudi', 'Anton', 'Dimas', 'Galih', 'Arif', 'Rizky', 'Fajar', 'Adi', 'Setyo', 'Purwanto',
      'Darmaji', 'Paijo', 'Tukiman', 'Sarno', 'Wagiman', 'Wawan', 'Gunawan', 'Yoga', 'Danang', 'Ilham', 'Nanang', 'Sigit', 'Bagus', 'Yusuf'],
    female: ['Sri', 'Siti', 'Dewi', 'Endang', 'Tutik', 'Sumarni', 'Suwarni', 'Ratna', 'Rina', 'Wulan', 'Ayu', 'Indah', 'Yuni', 'Dian', 'Nur',
      'Sulastri', 'Suharti', 'Sukarti', 'Partini', 'Kartini', 'Puji', 'Eni', 'Retno', 'Winarsih', 'Fitri', 'Anik', 'Sumiyati', 'Tri', 'Dwi',
      'Suprihatin', 'Lestari', 'Novi', 'Yuliana', 'Septi', 'Nanik', 'Ika'],
    family: {
      male: ['Santoso', 'Wibowo', 'Hartono', 'Purnomo', 'Susanto', 'Setiawan', 'Prasetyo', 'Nugroho', 'Saputro', 'Kurniawan', 'Wijayanto',
        'Handoko', 'Sulistyo', 'Haryanto', 'Suprapto', 'Riyadi', 'Widodo', 'Utomo', 'Hidayat', 'Pranoto', 'Raharjo', 'Wicaksono', 'Pamungkas',
        'Susilo', 'Sutopo', 'Mulyono', 'Hermawan', 'Cahyono', 'Triyanto', 'Suryadi'],
      female: ['Wahyuningsih', 'Rahayu', 'Lestari', 'Astuti', 'Handayani', 'Ningsih', 'Suryani', 'Kusumawati', 'Setyaningsih', 'Sulistyowati',
        'Mulyani', 'Wulandari', 'Purwanti', 'Hastuti', 'Rahmawati', 'Susilowati', 'Widayati', 'Utami', 'Pratiwi', 'Yuliati', 'Wijayanti'],
    },
    familyShare: 0.7,
    secondGivenShare: 0.08,
  },
  sundanese: {
    male: ['Asep', 'Ujang', 'Dede', 'Cecep', 'Dadang', 'Ade', 'Iwan', 'Yayan', 'Engkos', 'Entis', 'Aceng', 'Deden', 'Ridwan', 'Usep', 'Endang',
      'Dadan', 'Jajang', 'Oman', 'Aang', 'Mamat', 'Agus', 'Rudi', 'Dani', 'Hendra', 'Yusuf', 'Rizal', 'Fauzi', 'Ilham', 'Gilang', 'Rangga',
      'Ujang', 'Asep', 'Wawan', 'Encep'],
    female: ['Euis', 'Neneng', 'Iis', 'Enok', 'Imas', 'Yanti', 'Cucu', 'Nining', 'Ai', 'Enung', 'Dedeh', 'Elis', 'Lilis', 'Tati', 'Cicih',
      'Yeni', 'Nurul', 'Siti', 'Rina', 'Rika', 'Sri', 'Dewi', 'Intan', 'Fitri', 'Rosita', 'Eneng', 'Teti', 'Nia', 'Popon', 'Ela'],
    family: {
      male: ['Saepudin', 'Supriatna', 'Suherman', 'Hidayat', 'Rohman', 'Sopian', 'Kurniawan', 'Permana', 'Ruhiyat', 'Sukmana', 'Sumarna',
        'Nugraha', 'Gunawan', 'Setiawan', 'Firmansyah', 'Kusnadi', 'Mulyana', 'Suryana', 'Rustandi', 'Hermawan', 'Ramdani', 'Maulana',
        'Sobari', 'Sukandar', 'Hadiana', 'Wiguna', 'Kosasih'],
      female: ['Komariah', 'Rohaeti', 'Nurhayati', 'Rahmawati', 'Kurniasih', 'Sumiati', 'Hasanah', 'Rosmiati', 'Fatimah', 'Aisyah', 'Marlina',
        'Yuliani', 'Susilawati', 'Mulyani', 'Herlina', 'Sukaesih', 'Rohmawati', 'Nurjanah', 'Hayati', 'Solihah'],
    },
    familyShare: 0.85,
  },
  madurese: {
    male: ['Mohammad', 'Abdul', 'Fathor', 'Holil', 'Sahri', 'Marzuki', 'Hosen', 'Mat', 'Sukri', 'Rasidi', 'Suhaimi', 'Busri', 'Hasyim', 'Subairi',
      'Ahmad', 'Salim', 'Junaidi', 'Masduki', 'Hamdan', 'Samsul', 'Rofik', 'Mansur', 'Syaiful', 'Sahrawi', 'Matrawi'],
    female: ['Siti', 'Aisyah', 'Maimunah', 'Halimah', 'Hosniyah', 'Sitti', 'Rohmah', 'Suhaila', 'Masriyah', 'Jamilah', 'Munawaroh',
      'Sunarti', 'Latifah', 'Nurul', 'Zainab', 'Asiyah', 'Fatimah', 'Hasanah', 'Rukayyah', 'Suryani', 'Mariyam'],
    family: ['Rahman', 'Holil', 'Hasan', 'Hosen', 'Marzuki', 'Sahri', 'Ridwan', 'Hamid', 'Kholili', 'Yasin', 'Syafii', 'Mahfud', 'Nawawi',
      'Mukhlis', 'Zaini', 'Fauzi', 'Badri', 'Jufri', 'Rasyid', 'Sholeh', 'Anwar', 'Bakri', 'Rofii'],
    familyShare: 0.7,
  },
  betawi_general: {
    male: ['Muhammad', 'Ahmad', 'Rizki', 'Fajar', 'Dimas', 'Aditya', 'Reza', 'Andi', 'Bayu', 'Irfan', 'Hendra', 'Yusuf', 'Arief', 'Rahmat',
      'Hadi', 'Dedi', 'Rudi', 'Farhan', 'Fikri', 'Ilham', 'Hafiz', 'Daffa', 'Rafi', 'Fadil', 'Mamat', 'Jaelani', 'Sabeni', 'Mansur', 'Rohim',
      'Jamal', 'Rian', 'Kevin', 'Aldi'],
    female: ['Siti', 'Dewi', 'Nur', 'Putri', 'Anisa', 'Rina', 'Wulan', 'Indah', 'Fitri', 'Nurul', 'Aisyah', 'Intan', 'Maya', 'Dina', 'Lia',
      'Ratna', 'Nabila', 'Salsabila', 'Aulia', 'Zahra', 'Rohaya', 'Hindun', 'Juleha', 'Mariam', 'Maemunah', 'Nadia', 'Tiara'],
    family: {
      male: ['Hidayat', 'Saputra', 'Kurniawan', 'Pratama', 'Ramadhan', 'Maulana', 'Firmansyah', 'Syahputra', 'Nugraha', 'Hakim', 'Fauzi',
        'Rahman', 'Sanusi', 'Jaelani', 'Sulaiman', 'Mahmud', 'Rosidi', 'Munawar', 'Setiawan', 'Permana', 'Wijaya', 'Santoso'],
      female: ['Lestari', 'Rahmawati', 'Wulandari', 'Puspita', 'Anggraini', 'Safitri', 'Permatasari', 'Ramadhani', 'Nurjanah', 'Amelia',
        'Oktaviani', 'Fitriani', 'Handayani', 'Novitasari', 'Kusumawardani', 'Maharani', 'Pertiwi', 'Aryani'],
    },
    familyShare: 0.75,
    secondGivenShare: 0.2,
  },
  batak: {
    male: ['Maruli', 'Parlindungan', 'Tigor', 'Horas', 'Binsar', 'Togar', 'Poltak', 'Sahat', 'Hotman', 'Roy', 'Jhonson', 'Ronald', 'Hendrik',
      'Rudolf', 'Sintong', 'Mangasi', 'Monang', 'Hasudungan', 'Baringin', 'Daniel', 'Samuel', 'Yosua', 'Andreas', 'Bonar', 'Sihar', 'Lamhot',
      'Marihot', 'Ucok', 'Rizal', 'Ahmad', 'Torang', 'Bernard'],
    female: ['Rina', 'Rosmawati', 'Lasmaria', 'Tiur', 'Rotua', 'Nurmaida', 'Dameria', 'Hotmaida', 'Sondang', 'Ria', 'Butet', 'Melati', 'Lenny',
      'Yanti', 'Erna', 'Kristina', 'Maria', 'Rosa', 'Friska', 'Megawati', 'Nurhayati', 'Sarma', 'Tiarma', 'Debora', 'Romauli', 'Taruli'],
    family: ['Siregar', 'Simanjuntak', 'Nasution', 'Harahap', 'Lubis', 'Sitompul', 'Hutapea', 'Simatupang', 'Panjaitan', 'Sinaga', 'Silalahi',
      'Situmorang', 'Sihombing', 'Tambunan', 'Manurung', 'Pardede', 'Hutagalung', 'Napitupulu', 'Pasaribu', 'Sitorus', 'Tampubolon',
      'Nainggolan', 'Simbolon', 'Sembiring', 'Ginting', 'Tarigan', 'Purba', 'Saragih', 'Damanik', 'Gultom', 'Marpaung', 'Hasibuan', 'Sianturi',
      'Butarbutar', 'Hutabarat'],
    familyShare: 1,
  },
  minang: {
    male: ['Afrizal', 'Zulkifli', 'Syahrial', 'Yulizar', 'Hendra', 'Andi', 'Rizal', 'Irwan', 'Deswandi', 'Efendi', 'Yusrizal', 'Zainal', 'Fadli',
      'Arief', 'Budiman', 'Edi', 'Feri', 'Rahmat', 'Erwin', 'Ilham', 'Ridho', 'Fauzan', 'Alfin', 'Yondri', 'Nofrizal', 'Zulhendri'],
    female: ['Yulia', 'Yusnimar', 'Rosnida', 'Nurhasanah', 'Desi', 'Fitri', 'Elvi', 'Yeni', 'Rahmi', 'Nelvi', 'Mardiana', 'Zuraida', 'Yuliani',
      'Rini', 'Dewi', 'Syafrida', 'Misnawati', 'Ernawati', 'Suryani', 'Rahmadani', 'Silvia', 'Vivi', 'Yusra', 'Delvi'],
    family: {
      male: ['Chaniago', 'Piliang', 'Tanjung', 'Koto', 'Sikumbang', 'Jambak', 'Caniago', 'Putra', 'Syafri', 'Anwar', 'Hamzah', 'Saputra',
        'Yunus', 'Rasyid', 'Effendi', 'Darwis', 'Datuak', 'Sutan', 'Marajo'],
      female: ['Putri', 'Yanti', 'Sari', 'Wati', 'Rahmi', 'Nengsih', 'Hasni', 'Elfira', 'Mulyani', 'Dewita', 'Novita', 'Chaniago', 'Piliang', 'Tanjung'],
    },
    familyShare: 0.6,
  },
  acehnese: {
    male: ['Muhammad', 'Zulfikar', 'Fadli', 'Syahrul', 'Rizki', 'Munawar', 'Mukhlis', 'Husaini', 'Jamaluddin', 'Saiful', 'Iskandar',
      'Zulkarnaini', 'Maimun', 'Mahdi', 'Rahmat', 'Azhar', 'Safrizal', 'Khairul', 'Fauzan', 'Nazaruddin', 'Razali', 'Bukhari', 'Mulyadi',
      'Hasballah', 'Fakhrurrazi', 'Marzuki'],
    female: ['Nurul', 'Safrina', 'Rahmah', 'Nurhayati', 'Fitriani', 'Mawaddah', 'Raihan', 'Putroe', 'Rosmawar', 'Yusnidar', 'Hayatun',
      'Nurjannah', 'Ainul', 'Rahmawati', 'Zahara', 'Salbiah', 'Murniati', 'Dahlia', 'Hasnidar', 'Maryam', 'Intan', 'Khairunnisa', 'Ummi'],
    family: ['Abdullah', 'Ismail', 'Ibrahim', 'Yusuf', 'Daud', 'Hasan', 'Husin', 'Mahmud', 'Usman', 'Harun', 'Basyah', 'Amin', 'Gade', 'Rasyid',
      'Syam', 'Jalil', 'Hanafiah', 'Adam', 'Ali', 'Umar', 'Yahya', 'Sulaiman'],
    familyShare: 0.55,
    prefix: { male: ['Teuku'], female: ['Cut'], share: 0.08 },
  },
  malay: {
    male: ['Zulkifli', 'Azhar', 'Syahrial', 'Fadillah', 'Ahmad', 'Muhammad', 'Hamdan', 'Junaidi', 'Syamsul', 'Rusli', 'Fauzi', 'Hendri',
      'Yusri', 'Rizal', 'Herman', 'Sulaiman', 'Zainal', 'Khairil', 'Amri', 'Dedi', 'Hasan', 'Idris', 'Jefri', 'Arif', 'Syafii', 'Darmawan',
      'Indra', 'Mahmud'],
    female: ['Nurhasanah', 'Siti', 'Aisyah', 'Rohani', 'Zubaidah', 'Juliana', 'Rosmawati', 'Noraini', 'Nurlela', 'Halimah', 'Suryati',
      'Marlina', 'Dahlia', 'Fatimah', 'Nurbaiti', 'Yusnani', 'Rina', 'Lina', 'Wati', 'Sri', 'Yanti', 'Aminah', 'Kamariah', 'Salmah', 'Mardiah'],
    family: ['Effendi', 'Syahputra', 'Hamid', 'Yusuf', 'Harun', 'Ibrahim', 'Ismail', 'Ahmad', 'Rahman', 'Saleh', 'Zakaria', 'Hamzah', 'Basri',
      'Kadir', 'Latif', 'Daud', 'Sulaiman', 'Rahmadani', 'Wahab', 'Jalil', 'Hasyim', 'Arsyad'],
    familyShare: 0.55,
    prefix: { male: ['Tengku', 'Raja'], female: ['Tengku', 'Raja'], share: 0.04 },
  },
  banjar_dayak: {
    male: ['Muhammad', 'Ahmad', 'Fahriannor', 'Rusdiansyah', 'Syahriannor', 'Rahmadi', 'Fahrurrazi', 'Rijani', 'Akhmad', 'Noor', 'Yohanes',
      'Agustinus', 'Yakobus', 'Stefanus', 'Paulus', 'Mikael', 'Aloysius', 'Heri', 'Budi', 'Ardiansyah', 'Haris', 'Rizali', 'Saukani',
      'Zainal', 'Murjani', 'Hairil', 'Yohanis', 'Darius'],
    female: ['Norhayati', 'Mahyuni', 'Rusmini', 'Yuliana', 'Maria', 'Noorjannah', 'Siti', 'Fatimah', 'Rahmah', 'Norliani', 'Rabiatul',
      'Hairiyah', 'Mariana', 'Veronika', 'Agustina', 'Yeni', 'Lusiana', 'Rosmala', 'Wardah', 'Aulia', 'Raudah', 'Nurul', 'Herlina', 'Elisabeth'],
    family: ['Noor', 'Rahman', 'Ilmi', 'Arifin', 'Anyang', 'Ungkang', 'Djalung', 'Sanjaya', 'Lambung', 'Bahen', 'Usop', 'Tjilik', 'Kurniawan',
      'Rasyid', 'Anwar', 'Gazali', 'Hidayat', 'Saputra', 'Effendi', 'Ramli', 'Asmuni', 'Jumadi', 'Ngabut', 'Lahang', 'Juk'],
    familyShare: 0.6,
    prefix: { male: ['Gusti'], female: ['Gusti'], share: 0.03 },
  },
  bugis_makassar: {
    male: ['Muhammad', 'Andi', 'Syamsul', 'Ilham', 'Rusdi', 'Jufri', 'Hasbullah', 'Syarifuddin', 'Baharuddin', 'Hasanuddin', 'Abdul', 'Arifin',
      'Akbar', 'Fadli', 'Irfan', 'Nasrullah', 'Mansur', 'Hamzah', 'Amiruddin', 'Ismail', 'Zainuddin', 'Ridwan', 'Rahmat', 'Asri', 'Basri',
      'Darwis', 'Syahrir', 'Sudirman', 'Alimuddin'],
    female: ['Sitti', 'Hasnawati', 'Nurhayati', 'Rosmini', 'Hasmiah', 'Nurjannah', 'Hartini', 'Sulfiani', 'Murni', 'Rahmatia', 'Indah', 'Nurul',
      'Fitriani', 'Ramlah', 'Hadijah', 'Suriani', 'Megawati', 'Nurlela', 'Syamsinar', 'Rosdiana', 'Wahyuni', 'Hasriani', 'Marwah', 'Asmawati'],
    family: ['Rahman', 'Hamid', 'Arsyad', 'Amir', 'Mappa', 'Latif', 'Hasan', 'Daeng Ngalle', 'Daeng Sibali', 'Mattalitti', 'Baso', 'Sultan',
      'Tahir', 'Malik', 'Salam', 'Ramli', 'Halim', 'Jamal', 'Saleh', 'Sanusi', 'Mappiare', 'Pawelloi', 'Patongai', 'Massinai', 'Daeng Tata'],
    familyShare: 0.65,
    prefix: { male: ['Andi'], female: ['Andi'], share: 0.08 },
  },
  buton: {
    male: ['Hamid', 'Muhammad', 'Salihin', 'Ali', 'Rusdin', 'Syamsul', 'Arsyad', 'Ahmadi', 'Basri', 'Kamaluddin', 'Halili', 'Sarman', 'Sudirman',
      'Ramli', 'Mursalim', 'Jamaluddin', 'Hasrun', 'Rahim', 'Safiuddin', 'Taufik', 'Muslimin', 'Alimuddin'],
    female: ['Nurhayati', 'Hasni', 'Sitti', 'Hasniati', 'Rahmawati', 'Salmia', 'Nurhaida', 'Jumiati', 'Rosmawati', 'Sartini', 'Harnia',
      'Nurbaya', 'Fatimah', 'Asmawati', 'Darmawati', 'Sahria', 'Risnawati', 'Murniati', 'Halijah'],
    family: ['Hamid', 'Sahidin', 'Alimin', 'Ibrahim', 'Saleh', 'Madi', 'Muhidin', 'Sabara', 'Jufri', 'Yusuf', 'Hasan', 'Idrus', 'Kamaru', 'Mansur',
      'Bahtiar', 'Husein', 'Manarfa', 'Kaimuddin'],
    familyShare: 0.5,
    prefix: { male: ['La Ode', 'La'], female: ['Wa Ode', 'Wa'], share: 0.4 },
  },
  gorontalo_kaili: {
    male: ['Rahmat', 'Nurdin', 'Ismail', 'Hamzah', 'Yusuf', 'Ridwan', 'Rustam', 'Abdul', 'Samsudin', 'Arifin', 'Rizal', 'Irwan', 'Syarif',
      'Hasan', 'Fadli', 'Sofyan', 'Ikram', 'Yasin', 'Ahmad', 'Adnan', 'Rivai', 'Jefri', 'Mohamad'],
    female: ['Nurhayati', 'Fatmawati', 'Rahmawati', 'Hadijah', 'Sartin', 'Nurain', 'Salma', 'Ratna', 'Jusna', 'Hasna', 'Sitti', 'Nurmala',
      'Ningsih', 'Wahyuni', 'Irma', 'Sarni', 'Fitri', 'Risna', 'Yusnita', 'Rosita', 'Sutriani'],
    family: ['Pakaya', 'Mohamad', 'Daud', 'Hasan', 'Katili', 'Dunggio', 'Gobel', 'Kaluku', 'Ntou', 'Olii', 'Yusuf', 'Hulalata', 'Pomalingo',
      'Biya', 'Lamadjido', 'Lasahido', 'Tombolotutu', 'Lamarauna', 'Tondei', 'Bantilan', 'Saleh', 'Latjuba', 'Lamasitudju', 'Mointi', 'Nusi'],
    familyShare: 0.85,
  },
  minahasa: {
    male: ['Jefry', 'Ronny', 'Stevie', 'Fransiskus', 'Hendrik', 'Johny', 'Max', 'Frangky', 'Jemmy', 'Deddy', 'Rudy', 'Alfred', 'Arnold',
      'Meyer', 'Vicky', 'Novri', 'Rivo', 'Glen', 'Marthen', 'Yusak', 'Olly', 'Denny', 'Rendy', 'Stenly'],
    female: ['Meiske', 'Jeane', 'Olivia', 'Grace', 'Vanny', 'Stella', 'Femmy', 'Lenny', 'Novita', 'Deisy', 'Christy', 'Marlyn', 'Sarah',
      'Rosalina', 'Debby', 'Vera', 'Yulin', 'Anneke', 'Jetty', 'Lily', 'Sintia', 'Mercy'],
    family: ['Lumowa', 'Rondonuwu', 'Sondakh', 'Wowor', 'Pangemanan', 'Mandagi', 'Tumewu', 'Rumengan', 'Kalalo', 'Tumbelaka', 'Mamahit',
      'Lengkong', 'Wuisan', 'Supit', 'Rumondor', 'Lumentut', 'Kaunang', 'Tambuwun', 'Sumampouw', 'Walandouw', 'Karamoy', 'Polii',
      'Tangkudung', 'Palar', 'Kawengian', 'Rompas', 'Runtuwene', 'Ratulangi', 'Pantow', 'Mokoginta'],
    familyShare: 1,
  },
  maluku: {
    male: ['Yohanis', 'Marthen', 'Semuel', 'Johanis', 'Frans', 'Agustinus', 'Petrus', 'Jacob', 'Ronny', 'Hendrik', 'Abdul', 'Husein', 'Ahmad',
      'Ali', 'Hasan', 'Rizal', 'Salim', 'Yusuf', 'Umar', 'Ismail', 'Gerald', 'Stevi', 'Izaak', 'Nus'],
    female: ['Yohana', 'Martha', 'Maria', 'Agustina', 'Elisabeth', 'Grace', 'Jeanette', 'Paulina', 'Fransina', 'Siti', 'Hadija', 'Nurlela',
      'Salma', 'Fatma', 'Aisa', 'Nona', 'Selfi', 'Merry', 'Ivone', 'Sarce', 'Mientje'],
    family: ['Latuconsina', 'Tuasikal', 'Pattiasina', 'Wattimena', 'Sahetapy', 'Lessy', 'Marasabessy', 'Ohorella', 'Tuhulele', 'Latuheru',
      'Pelupessy', 'Siahaya', 'Tahitu', 'Rehatta', 'Souisa', 'Pattinama', 'Manuputty', 'Leiwakabessy', 'Tuanaya', 'Sopacua', 'Saimima',
      'Tualeka', 'Wailissa', 'Talaohu', 'Rumahlatu', 'Picauly', 'Matakena', 'Pattimahu', 'Kaliky', 'Rumalutur'],
    familyShare: 1,
  },
  maluku_utara: {
    male: ['Rizal', 'Hamid', 'Nurdin', 'Abdullah', 'Hasan', 'Jafar', 'Sofyan', 'Ikbal', 'Ridwan', 'Muhlis', 'Gafur', 'Basri', 'Taher', 'Anwar',
      'Mochtar', 'Irfan', 'Fahri', 'Asrul', 'Rusli', 'Jusuf', 'Alwi', 'Samsul', 'Hairil', 'Muhammad'],
    female: ['Nurhayati', 'Hadija', 'Fatma', 'Sarifa', 'Rahmawati', 'Nurlaila', 'Wahida', 'Mariam', 'Aminah', 'Jubaida', 'Suryani', 'Risna',
      'Nurjana', 'Halima', 'Salma', 'Sitna', 'Rosmiati', 'Fitria', 'Hasna', 'Rugaya'],
    family: ['Umasangaji', 'Sangaji', 'Tomagola', 'Marsaoly', 'Fabanyo', 'Kharie', 'Sibela', 'Hasan', 'Abdullah', 'Mahmud', 'Syah', 'Alting',
      'Djafar', 'Conoras', 'Hamisi', 'Mustafa', 'Ishak', 'Taib', 'Bailussy', 'Sahib', 'Gani', 'Albaar', 'Soleman', 'Tamrin', 'Ahmad', 'Baay'],
    familyShare: 0.8,
    prefix: { male: ['La Ode'], female: ['Wa Ode'], share: 0.06 },
  },
  balinese: {
    male: ['Sudarsana', 'Suartika', 'Artawan', 'Sukadana', 'Wirawan', 'Adnyana', 'Mahendra', 'Budiarta', 'Sudiarta', 'Suardana', 'Arsana',
      'Widiana', 'Darmawan', 'Putra Wijaya', 'Astawa', 'Sutama', 'Yasa', 'Merta', 'Suastika', 'Gunawan', 'Ardana', 'Sanjaya', 'Pastika',
      'Wiratama', 'Sukarta', 'Suparta'],
    female: ['Sri Astuti', 'Ayu Lestari', 'Sukerti', 'Sumerti', 'Suartini', 'Ariani', 'Sudiani', 'Wahyuni', 'Mertasari', 'Darmayanti',
      'Sriani', 'Suciati', 'Ratna Dewi', 'Widiantari', 'Puspitasari', 'Yuliantari', 'Kartini', 'Suryani', 'Eka Pratiwi', 'Sintya Dewi',
      'Ariasih', 'Sukarmi'],
    family: [],
    familyShare: 0,
    prefix: {
      male: ['I Wayan', 'I Wayan', 'I Putu', 'I Putu', 'I Gede', 'I Made', 'I Made', 'I Kadek', 'I Nyoman', 'I Komang', 'I Ketut', 'I Gusti Ngurah', 'Ida Bagus'],
      female: ['Ni Wayan', 'Ni Putu', 'Ni Putu', 'Ni Luh', 'Ni Luh Putu', 'Ni Made', 'Ni Made', 'Ni Kadek', 'Ni Nyoman', 'Ni Komang', 'Ni Ketut', 'Ida Ayu', 'Anak Agung Istri'],
      share: 1,
    },
  },
  sasak: {
    male: ['Zainuddin', 'Hamdan', 'Sahnan', 'Muhammad', 'Ikhsan', 'Mahsun', 'Sahabudin', 'Supardi', 'Hairul', 'Mustiadi', 'Jumadil', 'Sarjan',
      'Hirsan', 'Rusdi', 'Sapri', 'Suhardi', 'Hasbi', 'Munawir', 'Aswadi', 'Fathul', 'Sukri', 'Amrullah'],
    female: ['Nurul', 'Rabiatul', 'Hirniati', 'Sahnun', 'Rohani', 'Marni', 'Sumiati', 'Hulaifah', 'Saenab', 'Sapinah', 'Rukmini', 'Mahnun',
      'Hidayati', 'Zohriah', 'Nurhidayah', 'Sri', 'Maesarah', 'Rusmini', 'Juhairiah', 'Hartini'],
    family: ['Ahmad', 'Zulkifli', 'Hadi', 'Mulyadi', 'Supardi', 'Hamdi', 'Rahman', 'Hakim', 'Iskandar', 'Jayadi', 'Hasan', 'Muhsin', 'Sahlan',
      'Saprudin', 'Mashur', 'Azhar', 'Wardi'],
    familyShare: 0.4,
    prefix: { male: ['Lalu'], female: ['Baiq'], share: 0.15 },
  },
  nusa_tenggara: {
    male: ['Yohanes', 'Agustinus', 'Fransiskus', 'Kornelis', 'Yakobus', 'Petrus', 'Paulus', 'Stefanus', 'Aloysius', 'Yosef', 'Marthen',
      'Daniel', 'Yeremias', 'Benediktus', 'Mikhael', 'Antonius', 'Hironimus', 'Kristo', 'Emanuel', 'Dominikus', 'Simon', 'Yulius', 'Rofinus'],
    female: ['Maria', 'Yuliana', 'Florentina', 'Anastasia', 'Fransiska', 'Agnes', 'Veronika', 'Katarina', 'Magdalena', 'Yasinta', 'Theresia',
      'Serlina', 'Ermelinda', 'Imelda', 'Yohana', 'Margaretha', 'Sofia', 'Elisabeth', 'Bernadeta', 'Antonia', 'Adriana', 'Yuliani'],
    family: ['Bria', 'Seran', 'Nahak', 'da Costa', 'Fernandez', 'Lake', 'Bere', 'Kolo', 'Tefa', 'Nenobais', 'Manek', 'Nuwa', 'Wolo', 'Djawa',
      'Ndun', 'Lerik', 'Pello', 'Dethan', 'Sogen', 'Kleden', 'Making', 'Lewar', 'Tukan', 'Openg', 'Boli', 'Goa', 'Nope', 'Taneo', 'Lay',
      'Riwu', 'Kana', 'Mau', 'Ratu', 'Koten', 'Nggebu', 'Tapatab', 'Babo', 'Lodo'],
    familyShare: 1,
    prefix: { male: ['Umbu'], female: ['Rambu'], share: 0.05 },
  },
  papuan: {
    male: papuanMale,
    female: papuanFemale,
    family: ['Rumbiak', 'Kaisiepo', 'Mandowen', 'Yoku', 'Awom', 'Karubaba', 'Rumaropen', 'Wambrauw', 'Sawaki', 'Krey', 'Rumansara', 'Ayomi',
      'Kafiar', 'Mayor', 'Kambu', 'Mandacan', 'Kambuaya', 'Ulim', 'Wanggai', 'Sroyer', 'Fonataba', 'Ohee', 'Puhili', 'Monim', 'Yarangga',
      'Msen', 'Rumere', 'Worumi', 'Kareth', 'Dimara'],
    familyShare: 1,
  },
  papuan_highland: {
    male: papuanMale,
    female: papuanFemale,
    family: ['Wenda', 'Tabuni', 'Kogoya', 'Wanimbo', 'Wonda', 'Murib', 'Yikwa', 'Enembe', 'Wakerkwa', 'Kossay', 'Gwijangge', 'Mote', 'Gobai',
      'Pigai', 'Douw', 'Tebai', 'Degei', 'Ukago', 'Magai', 'Kum', 'Lokbere', 'Elopere', 'Itlay', 'Asso', 'Wetipo', 'Hubi', 'Yogi', 'Mirip'],
    familyShare: 1,
  },
  papuan_south: {
    male: papuanMale,
    female: papuanFemale,
    family: ['Mahuze', 'Gebze', 'Kaize', 'Samkakai', 'Ndiken', 'Basik-Basik', 'Balagaize', 'Kaiba', 'Moiwend', 'Dimar', 'Yolmen', 'Jamlean',
      'Kahol', 'Awi', 'Tekege', 'Yumame', 'Ohoiwutun', 'Resubun'],
    familyShare: 1,
  },
  chinese: {
    male: ['Hendra', 'Steven', 'Kevin', 'Budi', 'Yohanes', 'Michael', 'Andreas', 'Hendrik', 'William', 'Robert', 'Ferry', 'Johan', 'Tommy',
      'Wilson', 'Jimmy', 'Sugianto', 'Edward', 'Felix', 'Jason', 'Vincent', 'Alvin', 'Rudy', 'Benny', 'Antonius', 'Darmawan', 'Gunadi', 'Ricky'],
    female: ['Lina', 'Michelle', 'Jessica', 'Yenny', 'Susanti', 'Lili', 'Mei Ling', 'Lanny', 'Vivian', 'Melinda', 'Fransiska', 'Grace', 'Cindy',
      'Elisabeth', 'Christine', 'Linda', 'Siska', 'Meliana', 'Angelina', 'Vera', 'Irene', 'Sherly', 'Evelyn', 'Monica', 'Lusiana'],
    family: ['Wijaya', 'Gunawan', 'Halim', 'Salim', 'Tanoto', 'Tanuwijaya', 'Kusuma', 'Santoso', 'Setiawan', 'Lim', 'Tan', 'Sutanto', 'Hartanto',
      'Lie', 'Tjandra', 'Susanto', 'Kurniawan', 'Widjaja', 'Hidayat', 'Sugiarto', 'Liem', 'Gozali', 'Wibisono', 'Chandra', 'Hartono', 'Oei',
      'Ong', 'Kwee', 'Budiman', 'Tjahjadi', 'Sutedja', 'Hamdani'],
    familyShare: 0.95,
  },
};

/**
 * Which traditions live in which province (Kemendagri code), as rough shares. Informed by the broad
 * ethnic make-up of each province (BPS 2010 census ethnicity tables, as commonly summarised); the
 * shares are demo weights, not statistics.
 */
export const PROVINCE_POOLS: Record<string, Partial<Record<PoolCode, number>>> = {
  11: { acehnese: 85, javanese: 8, batak: 4, minang: 3 },
  12: { batak: 45, javanese: 33, malay: 8, chinese: 6, minang: 4, acehnese: 2, betawi_general: 2 },
  13: { minang: 88, javanese: 5, batak: 4, betawi_general: 3 },
  14: { malay: 40, javanese: 27, minang: 12, batak: 12, chinese: 4, bugis_makassar: 5 },
  15: { malay: 50, javanese: 30, minang: 10, bugis_makassar: 5, chinese: 5 },
  16: { malay: 65, javanese: 27, sundanese: 3, chinese: 3, minang: 2 },
  17: { malay: 55, javanese: 25, minang: 10, sundanese: 5, betawi_general: 5 },
  18: { javanese: 60, malay: 20, sundanese: 10, balinese: 3, betawi_general: 7 },
  19: { malay: 65, chinese: 25, javanese: 5, bugis_makassar: 5 },
  21: { malay: 40, javanese: 25, chinese: 10, batak: 10, minang: 10, bugis_makassar: 5 },
  31: { betawi_general: 35, javanese: 30, sundanese: 12, chinese: 7, batak: 5, minang: 5, bugis_makassar: 3, madurese: 1, maluku: 1, minahasa: 1 },
  32: { sundanese: 75, javanese: 12, betawi_general: 8, chinese: 2, batak: 1, minang: 2 },
  33: { javanese: 97, chinese: 2, sundanese: 1 },
  34: { javanese: 96, chinese: 2, betawi_general: 2 },
  35: { javanese: 78, madurese: 18, chinese: 2, betawi_general: 2 },
  36: { sundanese: 45, betawi_general: 30, javanese: 18, chinese: 4, batak: 3 },
  51: { balinese: 88, javanese: 8, sasak: 2, betawi_general: 2 },
  52: { sasak: 70, betawi_general: 20, balinese: 5, javanese: 5 },
  53: { nusa_tenggara: 88, bugis_makassar: 4, javanese: 3, betawi_general: 3, maluku: 2 },
  61: { malay: 35, banjar_dayak: 35, chinese: 15, javanese: 10, bugis_makassar: 5 },
  62: { banjar_dayak: 60, javanese: 25, malay: 5, betawi_general: 10 },
  63: { banjar_dayak: 75, javanese: 15, bugis_makassar: 5, madurese: 5 },
  64: { javanese: 35, bugis_makassar: 25, banjar_dayak: 25, betawi_general: 6, minahasa: 3, chinese: 3, buton: 3 },
  65: { banjar_dayak: 40, bugis_makassar: 30, javanese: 20, betawi_general: 10 },
  71: { minahasa: 80, gorontalo_kaili: 8, javanese: 4, chinese: 3, betawi_general: 5 },
  72: { gorontalo_kaili: 50, bugis_makassar: 25, javanese: 10, minahasa: 5, betawi_general: 10 },
  73: { bugis_makassar: 90, javanese: 3, chinese: 2, betawi_general: 5 },
  74: { buton: 40, bugis_makassar: 35, javanese: 10, betawi_general: 15 },
  75: { gorontalo_kaili: 90, bugis_makassar: 4, javanese: 3, betawi_general: 3 },
  76: { bugis_makassar: 80, javanese: 8, betawi_general: 12 },
  81: { maluku: 75, buton: 10, bugis_makassar: 5, javanese: 5, chinese: 1, betawi_general: 4 },
  82: { maluku_utara: 75, buton: 8, maluku: 5, bugis_makassar: 4, javanese: 4, betawi_general: 4 },
  91: { papuan: 62, javanese: 10, bugis_makassar: 8, maluku: 5, buton: 4, minahasa: 3, nusa_tenggara: 5, papuan_highland: 3 },
  92: { papuan: 55, javanese: 15, bugis_makassar: 10, maluku: 10, buton: 5, betawi_general: 5 },
  93: { papuan_south: 55, javanese: 25, bugis_makassar: 5, maluku: 5, nusa_tenggara: 5, betawi_general: 5 },
  94: { papuan_highland: 75, bugis_makassar: 8, javanese: 7, buton: 5, maluku: 5 },
  95: { papuan_highland: 92, javanese: 3, bugis_makassar: 3, maluku: 2 },
  96: { papuan: 50, maluku: 15, javanese: 12, bugis_makassar: 10, buton: 8, betawi_general: 5 },
};

/** Where a province has no entry (a future region list): a national mix. */
export const NATIONAL_POOLS: Partial<Record<PoolCode, number>> = {
  javanese: 40, sundanese: 15, betawi_general: 10, malay: 6, madurese: 3, batak: 4, minang: 3, bugis_makassar: 4, banjar_dayak: 3, chinese: 2,
  acehnese: 2, balinese: 2, sasak: 2, nusa_tenggara: 2, minahasa: 1, maluku: 1,
};

/** Streets and hamlets for addresses. */
export const STREETS = ['Merdeka', 'Sudirman', 'Diponegoro', 'Ahmad Yani', 'Gatot Subroto', 'Pahlawan', 'Kartini', 'Pemuda', 'Veteran',
  'Cendrawasih', 'Melati', 'Mawar', 'Kenanga', 'Flamboyan', 'Hasanuddin', 'Imam Bonjol', 'Teuku Umar', 'Sisingamangaraja', 'Pattimura',
  'Sam Ratulangi', 'Gajah Mada', 'Hayam Wuruk', 'Juanda', 'Sultan Agung', 'Pramuka', 'Kenari', 'Anggrek', 'Nangka', 'Mangga', 'Rambutan',
  'Raya Pasar', 'Pelabuhan', 'Lingkar Timur', 'Kemuning', 'Dahlia', 'Soekarno Hatta', 'Wolter Monginsidi', 'Yos Sudarso', 'Supratman', 'Dr. Soetomo'];
export const HAMLETS = ['Krajan', 'Sukamaju', 'Sidomulyo', 'Sumber Rejo', 'Mekarsari', 'Tanjung', 'Kampung Baru', 'Sukajadi', 'Karang Anyar',
  'Sri Rejeki', 'Cinta Damai', 'Suka Makmur', 'Harapan Jaya', 'Bukit Indah', 'Pasir Putih', 'Lembah Hijau', 'Mekar Jaya', 'Tegal Sari',
  'Sumber Agung', 'Batu Putih', 'Air Mancur', 'Kali Bening', 'Wonosari', 'Purwodadi', 'Tanah Merah'];
